import Foundation
import Interop
import Testing
import ZIPFoundation

/// Export: the builder maps accord's objects, the writers produce
/// schema-valid, stable files, and what they write reads back the same.
@Suite struct WriterTests {
    static func id(_ n: Int, _ salt: UInt8 = 0) -> String {
        (0..<32).map { i in String(format: "%02x", UInt8((n * 37 + i * 11) & 0xFF) ^ salt) }.joined()
    }

    /// A small accord project: two coders, a code tree with an exclusive group, two documents, codings, memos.
    static var input: REFIExportInput {
        let ana = id(1), ben = id(2)
        let mood = id(10), positive = id(11), negative = id(12), topic = id(13)
        let d1 = id(20), d2 = id(21)
        let t = Date(timeIntervalSince1970: 1_717_000_000)
        return REFIExportInput(
            projectName: "Study <1> & \"friends\"", creatingUserID: ana, creationDateTime: t,
            members: [.init(id: ana, name: "Ana"), .init(id: ben, name: "Ben Ørsted")],
            codes: [
                .init(id: positive, name: "positive", parentID: mood, color: "#0A0", description: "Good\nfeelings"),
                .init(id: mood, name: "Mood", color: "#ff8800", description: "Exclusive: one per unit", isCodable: false),
                .init(id: negative, name: "negative", parentID: mood),
                .init(id: topic, name: "Topic\tname", guid: REFIGUID("{ab000000-0000-4000-8000-00000000000c}")),
            ],
            documents: [
                .init(id: d1, title: "Interview 1", text: "I liked the course.\nThe exam was hard 😀.", addedBy: ana, addedAt: t),
                .init(id: d2, title: "Interview 2", text: "Café au lait.", guid: REFIGUID("D0C00000-0000-4000-8000-000000000002")),
            ],
            codings: [
                .init(id: id(30), coderID: ana, documentID: d1, codeID: positive, start: 2, end: 7, time: t),
                .init(id: id(31), coderID: ben, documentID: d1, codeID: negative, start: 24, end: 40, time: t.addingTimeInterval(0.25)),
                .init(id: id(32), coderID: ben, documentID: d1, codeID: positive, start: 2, end: 7, time: t),
                .init(id: id(33), coderID: ana, documentID: d2, codeID: topic, start: 0, end: 4, time: t),
            ],
            memos: [
                .init(id: id(40), authorID: ana, time: t, text: "Check this coding\nagain", codingID: id(31)),
                .init(id: id(41), authorID: ben, time: t, text: "About the code", codeID: positive),
                .init(id: id(42), authorID: ben, time: t, text: "About the document", documentID: d2),
                .init(id: id(43), authorID: ana, time: t, text: "Project-wide thought"),
            ])
    }

    @Test func derivedGUIDsAreStableVersion8() throws {
        let hex = "00112233445566778899aabbccddeeff" + "0123456789abcdef0123456789abcdef"
        let guid = try REFIGUID.derived(fromAccordID: hex)
        #expect(guid.value == "00112233-4455-8677-8899-AABBCCDDEEFF")
        #expect(try REFIGUID.derived(fromAccordID: hex) == guid)
        #expect(try REFIGUID.derivedCompanion(fromAccordID: hex).value == "01234567-89AB-8DEF-8123-456789ABCDEF")
        let error: InteropError? = { () -> InteropError? in
            do { _ = try REFIGUID.derived(fromAccordID: "xyz"); return nil } catch { return error as? InteropError }
        }()
        #expect(error?.code == "bad_input")
    }

    @Test func guidSpellings() {
        #expect(REFIGUID("{6f9619ff-8b86-d011-b42d-00c04fc964ff}") == REFIGUID("6F9619FF-8B86-D011-B42D-00C04FC964FF"))
        #expect(REFIGUID("6f9619ff8b86d011b42d00c04fc964ff") == nil)
        #expect(REFIGUID("{6f9619ff-8b86-d011-b42d-00c04fc964ff") == nil)
        #expect(REFIGUID(" 6f9619ff-8b86-d011-b42d-00c04fc964ff ")?.value == "6F9619FF-8B86-D011-B42D-00C04FC964FF")
    }

    @Test func builderMapsAccordObjects() throws {
        let project = try REFIProjectBuilder.build(Self.input)
        #expect(project.users.map(\.name) == ["Ana", "Ben Ørsted"])
        let mood = try #require(project.codebook.codes.first)
        #expect(mood.name == "Mood" && !mood.isCodable && mood.color == "#ff8800")
        #expect(mood.children.map(\.name) == ["positive", "negative"])
        #expect(mood.children[0].color == "#00aa00")
        #expect(project.codebook.codes[1].guid.original == "{ab000000-0000-4000-8000-00000000000c}")
        let d1 = project.sources[0]
        #expect(d1.selections.map { [$0.start, $0.end] } == [[2, 7], [2, 7], [24, 40]])
        #expect(d1.selections.allSatisfy { $0.codings.count == 1 && $0.guid != $0.codings[0].guid })
        #expect(project.sources[1].guid.value == "D0C00000-0000-4000-8000-000000000002")
        #expect(project.notes.map(\.name) == ["Check this coding", "About the code", "About the document", "Project-wide thought"])
        #expect(project.notes[3].targets == [.project])
    }

    @Test func builderRefusesWhatDoesNotFit() {
        func refusal(_ change: (inout REFIExportInput) -> Void) -> InteropError? {
            var input = Self.input
            change(&input)
            do { _ = try REFIProjectBuilder.build(input); return nil } catch { return error as InteropError }
        }
        #expect(refusal { $0.codings[0].end = 999 }?.message.contains("outside `Interview 1`") == true)
        #expect(refusal { $0.codings[0].codeID = Self.id(99) }?.code == "bad_input")
        #expect(refusal { $0.codings[0].coderID = Self.id(98) }?.message.contains("not a member") == true)
        #expect(refusal { $0.codes[0].color = "red" }?.message.contains("colour") == true)
        #expect(refusal { $0.codes[1].parentID = Self.id(11) }?.message.contains("cycle") == true)
        #expect(refusal { $0.documents[0].text = "a\r\nb" }?.message.contains("normalised") == true)
        #expect(refusal { $0.memos[0].codingID = Self.id(97) }?.code == "bad_input")
    }

    @Test func projectXMLIsSchemaValidAndInTheStandardsOrder() throws {
        let project = try REFIProjectBuilder.build(Self.input)
        let xml = try QDPXWriter.projectXML(project)
        #expect(try REFISchemaValidator.validate(xml, file: "project.qde") == [])
        let text = String(decoding: xml, as: UTF8.self)
        let order = ["<Users>", "<CodeBook>", "<Sources>", "<Notes>", "</Notes>", "<NoteRef"].map {
            text.range(of: $0, options: .backwards)!.lowerBound
        }
        #expect(order == order.sorted())
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Study &lt;1&gt; &amp; &quot;friends&quot;\""))
        #expect(text.contains("plainTextPath=\"internal://"))
        #expect(text.contains("creationDateTime=\"2024-05-29T16:26:40.250Z\""))
        #expect(text.contains("creationDateTime=\"2024-05-29T16:26:40Z\""))
        #expect(text.contains("name=\"Topic&#9;name\""))
        #expect(text.contains("isCodable=\"false\""))
    }

    @Test func codebookXMLIsSchemaValid() throws {
        var book = try REFIProjectBuilder.build(Self.input).codebook
        book.origin = "accord"
        book.sets = [REFISet(guid: REFIGUID("5E700000-0000-4000-8000-000000000001")!, name: "Feelings",
                             memberCodes: book.codes[0].children.map(\.guid))]
        let xml = try QDCWriter.xml(book)
        #expect(try REFISchemaValidator.validate(xml, file: "codebook.qdc") == [])
        let again = try QDCReader.read(xml).codebook
        #expect(again == book)
    }

    @Test func sameModelSameBytes() throws {
        let scratch = ScratchDirectory()
        let project = try REFIProjectBuilder.build(Self.input)
        let a = scratch.file("a.qdpx"), b = scratch.file("b.qdpx")
        try QDPXWriter.write(project, to: a)
        try QDPXWriter.write(try REFIProjectBuilder.build(Self.input), to: b)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        // Writing over an existing file replaces it.
        try QDPXWriter.write(project, to: a)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }

    @Test func archiveLayout() throws {
        let scratch = ScratchDirectory()
        let project = try REFIProjectBuilder.build(Self.input)
        let url = scratch.file("layout.qdpx")
        var calls: [(Int, Int)] = []
        try QDPXWriter.write(project, to: url) { calls.append(($0, $1)) }
        #expect(calls.map(\.0) == [0, 1, 2, 3] && calls.allSatisfy { $0.1 == 3 })
        let archive = try Archive(url: url, accessMode: .read)
        let paths = archive.map(\.path)
        #expect(paths == ["project.qde"] + project.sources.map { "sources/\($0.guid.value).txt" })
        var text = Data()
        _ = try archive.extract(archive[paths[1]]!) { text.append($0) }
        #expect(String(decoding: text, as: UTF8.self) == "I liked the course.\nThe exam was hard 😀.")
    }

    @Test func roundTripThroughTheReader() throws {
        let scratch = ScratchDirectory()
        let project = try REFIProjectBuilder.build(Self.input)
        let url = scratch.file("round.qdpx")
        try QDPXWriter.write(project, to: url)
        let back = try QDPXReader.read(url)
        #expect(back.project.codebook == project.codebook)
        #expect(back.project.users == project.users)
        #expect(back.project.sources == project.sources)
        #expect(back.project.notes == project.notes)
        #expect(back.project.creationDateTime == project.creationDateTime)
        #expect(back.summary.schemaDeviations == 0 && back.summary.unknownElements == 0)
    }

    @Test func controlCharactersCannotBreakTheXML() throws {
        var input = Self.input
        input.codes[0].name = "bad\u{1}name"
        let xml = try QDPXWriter.projectXML(try REFIProjectBuilder.build(input))
        #expect(try REFISchemaValidator.validate(xml) == [])
        #expect(String(decoding: xml, as: UTF8.self).contains("bad\u{FFFD}name"))
    }
}
