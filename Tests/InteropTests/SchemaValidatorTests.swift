import Foundation
import Interop
import Testing

/// The schema check: the writer's output and real files pass; hand-broken
/// files fail with the rule, the element and the line.
@Suite struct SchemaValidatorTests {
    static let valid = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="p" creationDateTime="2024-01-01T10:00:00Z">
          <Users>
            <User guid="00000000-0000-4000-8000-000000000001" name="u"/>
          </Users>
          <CodeBook>
            <Codes>
              <Code guid="00000000-0000-4000-8000-000000000002" name="c" isCodable="true" color="#abc">
                <Description>d</Description>
              </Code>
            </Codes>
          </CodeBook>
          <Sources>
            <TextSource guid="00000000-0000-4000-8000-000000000003" name="s" plainTextPath="internal://s.txt">
              <PlainTextSelection guid="00000000-0000-4000-8000-000000000004" startPosition="0" endPosition="3" creatingUser="00000000-0000-4000-8000-000000000001" creationDateTime="2024-01-01T10:00:00.5+01:00">
                <Coding guid="00000000-0000-4000-8000-000000000005">
                  <CodeRef targetGUID="00000000-0000-4000-8000-000000000002"/>
                </Coding>
              </PlainTextSelection>
            </TextSource>
          </Sources>
        </Project>
        """

    private func violations(_ xml: String) throws -> [SchemaViolation] {
        try REFISchemaValidator.validate(Data(xml.utf8), file: "test.qde")
    }

    /// `valid` with one edit, and the one violation expected from it.
    private func expectOne(_ from: String, _ to: String, _ kind: SchemaViolation.Kind, _ element: String, line: Int,
                           _ detail: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(Self.valid.contains(from), sourceLocation: sourceLocation)
        let found = try violations(Self.valid.replacingOccurrences(of: from, with: to))
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        guard let v = found.first else { return }
        #expect(v.kind == kind && v.element == element && v.line == line, "\(v)", sourceLocation: sourceLocation)
        #expect(v.detail.contains(detail), "\(v)", sourceLocation: sourceLocation)
        #expect(v.description.hasPrefix("element `\(element)` at line \(line): "), sourceLocation: sourceLocation)
    }

    @Test func validDocumentPasses() throws {
        #expect(try violations(Self.valid) == [])
    }

    @Test func eachRuleNamesElementAndLine() throws {
        try expectOne(" isCodable=\"true\"", "", .missingAttribute, "Code", line: 8, "`isCodable` is required")
        try expectOne("isCodable=\"true\"", "isCodable=\"yes\"", .badValue, "Code", line: 8, "xs:boolean")
        try expectOne("color=\"#abc\"", "color=\"red\"", .badValue, "Code", line: 8, "colour")
        try expectOne("guid=\"00000000-0000-4000-8000-000000000003\"", "guid=\"{00000000-0000-4000-8000-00000000003}\"",
                      .badValue, "TextSource", line: 14, "GUID")
        try expectOne("startPosition=\"0\"", "startPosition=\"-1\"", .badValue, "PlainTextSelection", line: 15, "≥ 0")
        try expectOne("endPosition=\"3\"", "endPosition=\"three\"", .badValue, "PlainTextSelection", line: 15, "integer ≥ 0")
        try expectOne("creationDateTime=\"2024-01-01T10:00:00Z\"", "creationDateTime=\"2024-13-01T10:00:00Z\"",
                      .badValue, "Project", line: 2, "xs:dateTime")
        try expectOne("creationDateTime=\"2024-01-01T10:00:00.5+01:00\"", "creationDateTime=\"yesterday\"",
                      .badValue, "PlainTextSelection", line: 15, "xs:dateTime")
        try expectOne("<CodeRef targetGUID=\"00000000-0000-4000-8000-000000000002\"/>", "",
                      .missingElement, "Coding", line: 16, "`CodeRef` is required")
        try expectOne("<Description>d</Description>", "<Description>d</Description><Description>e</Description>",
                      .tooMany, "Description", line: 9, "too many `Description`")
        try expectOne(" name=\"p\"", "", .missingAttribute, "Project", line: 2, "`name` is required")
        try expectOne("plainTextPath=\"internal://s.txt\">", "plainTextPath=\"internal://s.txt\"><PlainTextContent>x</PlainTextContent>",
                      .textSource, "TextSource", line: 14, "both")
        try expectOne("name=\"u\"/>", "name=\"u\" role=\"admin\"/>", .unknownAttribute, "User", line: 4, "`role`")
        try expectOne("<Users>", "<Users>stray text", .mixedContent, "Users", line: 3, "text")
        try expectOne("<Description>d</Description>", "<Description>d<b/></Description>", .mixedContent, "Description", line: 9, "text only")
    }

    @Test func orderAndUnknownElements() throws {
        // CodeBook after Sources.
        let moved = Self.valid.replacingOccurrences(of: "Sources>", with: "Sources2>")
        let swapped = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="p">
              <Sets><Set guid="00000000-0000-4000-8000-000000000009" name="s"/></Sets>
              <Users><User guid="00000000-0000-4000-8000-000000000001"/></Users>
              <Gadget/>
            </Project>
            """
        let found = try violations(swapped)
        #expect(found.map(\.kind) == [.order, .unknownElement], "\(found)")
        #expect(found[0].element == "Users" && found[0].line == 4 && found[0].detail.contains("out of order"))
        #expect(found[1].element == "Gadget" && found[1].line == 5)
        #expect(try violations(moved).contains { $0.kind == .unknownElement && $0.element == "Sources2" })
    }

    @Test func wrongRootOrNamespace() throws {
        #expect(try violations("<Project name=\"p\"/>").map(\.kind) == [.wrongRoot])
        #expect(try violations("<Project xmlns=\"urn:QDA-XML:project:2.0\" name=\"p\"/>").map(\.kind) == [.wrongRoot])
        #expect(try violations("<CodeBook xmlns=\"urn:QDA-XML:codebook:0:4\"><Codes/></CodeBook>").map(\.kind) == [.wrongRoot])
    }

    @Test func codebookRules() throws {
        let book = """
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x">
              <Codes>
                <Code guid="00000000-0000-4000-8000-000000000002" name="c" isCodable="false"/>
              </Codes>
              <Sets>
                <Set guid="00000000-0000-4000-8000-000000000003" name="s">
                  <MemberCode guid="00000000-0000-4000-8000-000000000002"/>
                </Set>
              </Sets>
            </CodeBook>
            """
        #expect(try violations(book) == [])
        let empty = try violations(book.replacingOccurrences(of: "<Code guid=\"00000000-0000-4000-8000-000000000002\" name=\"c\" isCodable=\"false\"/>", with: ""))
        #expect(empty.map(\.kind) == [.missingElement] && empty[0].element == "Codes" && empty[0].line == 2)
    }

    @Test func malformedXMLThrows() {
        #expect(throws: InteropError.self) { try REFISchemaValidator.validate(Data("<Project".utf8)) }
    }
}
