import Foundation
import Interop
import Testing
import ZIPFoundation

/// The real MAXQDA 24 export must come in whole: all 307 codes with nesting,
/// names, descriptions, colours and GUIDs, and the 10 sources with their text.
@Suite struct MAXQDAFixtureTests {
    static let url = TestFiles.fixture("maxqda24-icls-themes.qdpx")

    @Test func importsEveryCodeWithItsNestingAndGUID() throws {
        let result = try QDPXReader.read(Self.url)
        let book = result.project.codebook
        #expect(book.allCodes.count == 307)
        #expect(book.codes.count == 18)
        #expect(book.codes.allSatisfy { $0.children.allSatisfy(\.children.isEmpty) })
        #expect(book.codes.map(\.children.count) == [12, 9, 6, 8, 15, 4, 18, 17, 23, 16, 17, 8, 41, 5, 10, 39, 13, 28])
        #expect(book.codes.first?.name == "Additional Themes and Ideas")
        #expect(book.codes.first?.guid.value == "C9E3D7E0-4DBF-46E2-96EF-14574ECD3B90")
        #expect(book.codes.first?.color == "#ef8256")
        #expect(book.allCodes.allSatisfy { $0.description != nil && $0.isCodable })
        #expect(Set(book.allCodes.map(\.guid)).count == 307)

        let last = try #require(book.allCodes.last)
        #expect(last.guid.value == "11C785EB-37CF-4851-B6BA-35971DE49570")
        #expect(last.name == "TECHNLGY - Wearables, Quantified Self")
        #expect(last.color == "#a24ef1")

        let byGUID = Dictionary(uniqueKeysWithValues: book.allCodes.map { ($0.guid.value, $0) })
        // An entity (&amp;) in a description, and non-ASCII punctuation.
        let geo = try #require(byGUID["F5AB6B9A-DA6F-48E8-9270-4A13BE0C3EE3"])
        #expect(geo.description?.contains("Central & South America") == true)
        let epistemic = try #require(byGUID["72E049E7-C721-4109-9A93-62686415D060"])
        #expect(epistemic.description?.contains("itself—not just") == true)
        let futures = try #require(byGUID["B7F1199E-9855-4AC0-88EA-CAD01DD104BB"])
        #expect(futures.description?.contains("“") == true && futures.description?.contains("”") == true)
        let orchestration = try #require(byGUID["A84528D0-44F4-41D5-A1A5-7DF539A4A6A1"])
        #expect(orchestration.description?.unicodeScalars.contains("\u{2011}") == true)
    }

    @Test func importsEverySourceWithItsText() throws {
        var calls: [(Int, Int)] = []
        let result = try QDPXReader.read(Self.url) { calls.append(($0, $1)) }
        #expect(calls.map(\.0) == Array(0...12) && calls.allSatisfy { $0.1 == 12 })
        let project = result.project
        #expect(project.name == "2025-06-16_ICLS_Conf_Themes_ALL_just10")
        #expect(project.origin == "MAXQDA 24 (Release 24.7.0)")
        #expect(project.users == [REFIUser(guid: REFIGUID("F3EA8DA1-BB99-411F-8ED4-011170237B6C")!, name: "johnb")])
        #expect(project.sources.count == 10)
        #expect(project.sources.map(\.name) == [
            "ICLS 2024 3-10", "ICLS 2024 11-18", "ICLS 2024 19-26", "ICLS 2024 27-34", "ICLS 2024 35-42",
            "ICLS 2025 1007-1015", "ICLS 2025 101-109", "ICLS 2025 1016-1024", "ICLS 2025 1025-1033",
            "ICLS 2025 1034-1042",
        ])
        #expect(project.sources.map { $0.text.unicodeScalars.count }
                == [33881, 38204, 37085, 31676, 37983, 40875, 39759, 44454, 37071, 44203])
        #expect(project.sources[0].text.hasPrefix("Mapping the Complexity of Learning: A Learning Experience Network"))
        #expect(project.sources[2].text.hasPrefix("Preservice Teachers’ Support"))
        #expect(project.sources.allSatisfy { NormalisedText.isNormalised($0.text) && $0.selections.isEmpty })
        #expect(project.sources[0].creatingUser?.value == "F3EA8DA1-BB99-411F-8ED4-011170237B6C")
        #expect(project.sources[0].creationDateTime.map(REFIDateTime.format) == "2024-10-18T23:23:46Z")
        #expect(project.sets.map(\.name) == ["ICLS 2024", "ICLS 2025"])
        #expect(project.sets.map(\.memberSources.count) == [5, 5])

        let summary = result.summary
        #expect(summary.codes == 307 && summary.sources == 10 && summary.users == 1 && summary.codings == 0)
        #expect(summary.unknownElements == 0 && summary.unknownAttributes == 0 && summary.schemaDeviations == 0)
    }

    @Test func passesTheSchemaCheck() throws {
        let qde = try extract("project.qde")
        #expect(try REFISchemaValidator.validate(qde, file: "project.qde") == [])
    }

    @Test func keepsItsGUIDsOnTheWayBack() throws {
        let original = try QDPXReader.read(Self.url).project
        let scratch = ScratchDirectory()
        let out = scratch.file("again.qdpx")
        try QDPXWriter.write(original, to: out)
        let again = try QDPXReader.read(out).project
        #expect(again.codebook == original.codebook)
        #expect(again.sources.map(\.guid) == original.sources.map(\.guid))
        #expect(again.sources.map(\.text) == original.sources.map(\.text))
        #expect(again.sets == original.sets)
        let xml = String(decoding: try QDPXWriter.projectXML(original), as: UTF8.self)
        #expect(xml.contains("guid=\"C9E3D7E0-4DBF-46E2-96EF-14574ECD3B90\""))
    }

    private func extract(_ path: String) throws -> Data {
        let archive = try Archive(url: Self.url, accessMode: .read)
        let entry = try #require(archive[path])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }
}
