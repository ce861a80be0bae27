import Foundation
import Interop
import Testing

/// Hand-made projects in the styles of ATLAS.ti, MAXQDA, NVivo and QualCoder
/// import with the right quoted text for every coding.
@Suite struct StyleFixtureTests {
    /// Every coding's span, sliced from its source's normalised text, is the expected quote.
    private func checkQuotes(_ fixture: StyleFixture) throws -> REFIImport {
        let scratch = ScratchDirectory()
        let result = try QDPXReader.read(try fixture.write(in: scratch))
        var found: [String: String] = [:]
        for source in result.project.sources {
            #expect(NormalisedText.isNormalised(source.text))
            for selection in source.selections {
                let quote = try #require(NormalisedText.slice(source.text, start: selection.start, end: selection.end))
                for coding in selection.codings { found[coding.guid.value] = quote }
            }
        }
        #expect(found == fixture.quotes, "\(fixture.name)")
        return result
    }

    @Test func atlasTi() throws {
        let result = try checkQuotes(StyleFixtures.atlas)
        #expect(result.summary.positionConvention == .crlfAsOne)
        #expect(result.summary.positionConventionReason?.contains("ATLAS.ti") == true)
        let project = result.project
        // GUIDs in braces and lower case compare equal to their canonical form and keep their spelling.
        let coding = try #require(project.sources.first?.selections.first?.codings.first)
        #expect(coding.guid == REFIGUID("C0000000-0000-4000-8000-000000000001"))
        #expect(coding.guid.original == "{c0000000-0000-4000-8000-000000000001}")
        #expect(coding.codeGUID.value == "A1B2C3D4-0000-4000-8000-000000000001")
        #expect(coding.creatingUser?.value == "8C3B1E2A-5D4F-4A6B-9C7D-0E1F2A3B4C5D")
        #expect(project.codebook.codes.map(\.color) == ["#ff00aa", "#00aaff"])
        #expect(project.creationDateTime.map(REFIDateTime.format) == "2024-03-01T09:00:00Z")
        // Written back, the original spelling stays.
        let xml = String(decoding: try QDPXWriter.projectXML(project), as: UTF8.self)
        #expect(xml.contains("guid=\"{c0000000-0000-4000-8000-000000000001}\""))
    }

    @Test func maxqda() throws {
        let result = try checkQuotes(StyleFixtures.maxqda)
        #expect(result.summary.positionConvention == .literal)
        #expect(result.summary.positionConventionReason?.contains("between words") == true)
        #expect(result.summary.selectionsWithoutCoding == 1)
        #expect(result.summary.renamedSources == 1)
        let sources = result.project.sources
        #expect(sources.map(\.name) == ["Interview", "Interview (2)"])
        #expect(sources.map(\.originalName) == [nil, "Interview"])
        #expect(result.project.codebook.codes.first?.children.first?.description == "Feelings & moods")
        #expect(result.project.sets.first?.memberSources.count == 2)
        #expect(result.summary.unknownAttributes == 0 && result.summary.schemaDeviations == 0)
        let lines = result.summary.lines
        #expect(lines.first == "read 1 user, 4 codes, 2 sources, 6 selections, 6 codings, 1 set (written by MAXQDA 2022 (Release 22.7.0))")
        #expect(lines.contains("1 selection(s) without a coding skipped"))
        #expect(lines.contains("1 source(s) renamed because their name repeated an earlier one"))
    }

    @Test func nvivo() throws {
        let result = try checkQuotes(StyleFixtures.nvivo)
        let project = result.project
        #expect(project.sources.map(\.name) == ["Interview Anna", "Field notes"])
        #expect(project.sources[1].text == "Field notes: the seminar room was cold & crowded.\nStudents <mostly> stayed quiet.")
        // Link → Note annotations, either way round.
        let notes = Dictionary(uniqueKeysWithValues: project.notes.map { ($0.guid.value, $0) })
        #expect(notes["90000000-0000-4000-8000-000000000001"]?.targets == [.selection(REFIGUID("5E000000-0000-4000-8000-000000000001")!)])
        #expect(notes["90000000-0000-4000-8000-000000000001"]?.text == "She said this twice.")
        #expect(notes["90000000-0000-4000-8000-000000000002"]?.targets == [.code(REFIGUID("7C000000-0000-4000-8000-000000000002")!)])
        // A coding without a user takes its selection's; one with neither has none.
        let fieldNotes = project.sources[1].selections
        #expect(fieldNotes[0].codings[0].creatingUser?.value == "6A6A6A6A-0000-4000-8000-00000000AAAA")
        let interview = project.sources[0].selections
        #expect(interview[1].codings[0].creatingUser?.value == "6A6A6A6A-0000-4000-8000-00000000AAAA")
        #expect(project.creationDateTime.map(REFIDateTime.format) == "2024-05-01T07:30:00Z")
        // The vendor element and attribute are ignored and counted; variables, cases and pictures are not imported.
        #expect(result.summary.unknownElements == 1)
        #expect(result.summary.unknownAttributes == 1)
        #expect(result.summary.notImported == ["Variable": 1, "Case": 1, "PictureSource": 1])
        #expect(result.summary.messages.contains { $0.contains("Extension") && $0.contains("line") })
    }

    @Test func qualcoder() throws {
        let result = try checkQuotes(StyleFixtures.qualcoder)
        #expect(result.summary.positionConvention == .literal)
        let project = result.project
        let text = project.sources[0].text
        #expect(text.hasPrefix("Le café était bon 😀"))
        // The coding without its own user is the selection's user, who is not in <Users>: added, counted.
        #expect(result.summary.usersAddedFromReferences == 1)
        #expect(project.users.map(\.guid.value) == ["3F2A9C1E-4B5D-4E6F-8A7B-9C0D1E2F3A4B", "7D8E9F0A-1B2C-4D3E-8F4A-5B6C7D8E9F0A"])
        #expect(project.users[1].name == nil)
        #expect(project.codebook.codes[0].isCodable == false)
        #expect(project.codebook.codes[0].children.map(\.name) == ["positive", "négatif"])
    }

    /// Inline text in a CRLF file: XML hands it over with LF, but its positions were counted on the CRLF text.
    @Test func inlineTextFromAWindowsFile() throws {
        let text = "one two\r\nthree four\r\nfive six\r\nseven eight"
        let counter = Counter(raw: text, mode: .scalars)
        let quotes = ["four", "six", "seven eight", "three four\r\nfive"]
        var selections = ""
        for (i, quote) in quotes.enumerated() {
            let (s, e) = counter.span(quote)
            selections += "<PlainTextSelection guid=\"5E000000-0000-4000-8000-00000000000\(i)\" startPosition=\"\(s)\" endPosition=\"\(e)\">"
                + "<Coding guid=\"C0000000-0000-4000-8000-00000000000\(i)\"><CodeRef targetGUID=\"C0DE0000-0000-4000-8000-000000000001\"/></Coding>"
                + "</PlainTextSelection>\r\n"
        }
        let qde = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"w\" origin=\"Windows tool\">\r\n"
            + "<CodeBook><Codes><Code guid=\"C0DE0000-0000-4000-8000-000000000001\" name=\"A\" isCodable=\"true\"/></Codes></CodeBook>\r\n"
            + "<Sources><TextSource guid=\"50000000-0000-4000-8000-000000000001\" name=\"T\">\r\n"
            + "<PlainTextContent>\(text)</PlainTextContent>\r\n\(selections)</TextSource></Sources>\r\n</Project>\r\n"
        let scratch = ScratchDirectory()
        let url = scratch.file("inline.qdpx")
        try ZipBuilder.qdpx(qde, to: url)
        let result = try QDPXReader.read(url)
        let source = try #require(result.project.sources.first)
        #expect(source.text == "one two\nthree four\nfive six\nseven eight")
        let found = source.selections.map { NormalisedText.slice(source.text, start: $0.start, end: $0.end) }
        #expect(found == quotes.map { $0.replacingOccurrences(of: "\r\n", with: "\n") })
        #expect(result.summary.positionConvention == .literal)
    }

    @Test func everyStyleFixtureIsSchemaValid() throws {
        for fixture in [StyleFixtures.atlas, StyleFixtures.maxqda, StyleFixtures.nvivo, StyleFixtures.qualcoder] {
            let violations = try REFISchemaValidator.validate(Data(fixture.qde.utf8), file: fixture.name)
            let expected = fixture.name == "nvivo" ? [SchemaViolation.Kind.unknownAttribute, .unknownElement] : []
            #expect(violations.map(\.kind) == expected, "\(fixture.name): \(violations)")
        }
    }
}
