import Foundation
import Interop
import Testing

/// `accord codebook import FILE.qdc`.
@Suite struct CodebookImportTests {
    /// The MAXQDA export's codebook as a `.qdc` (GUIDs as MAXQDA spelt them).
    func maxqdaCodebook(in p: Project) throws -> (file: String, codebook: REFICodebook) {
        let project = try QDPXReader.read(REFIFiles.maxqda).project
        let file = p.dir.appendingPathComponent("maxqda.qdc")
        try QDCWriter.write(project.codebook, to: file)
        return ("maxqda.qdc", project.codebook)
    }

    @Test func theMAXQDACodebookComesInWholeAndKeepsItsGUIDs() throws {
        let p = try Project.emptyFolder()
        p.must("init", "--name", "themes", "--as", "lena")
        let (file, original) = try maxqdaCodebook(in: p)
        #expect(original.allCodes.count == 307)
        let r = p.must("--as", "lena", "codebook", "import", file)
        #expect(r.out.contains("defined 307 codes; 0 already in the codebook"), "\(r.out)")
        p.must("codebook", "export", "back.qdc")
        let back = try QDCReader.read(p.dir.appendingPathComponent("back.qdc")).codebook
        let before = Dictionary(uniqueKeysWithValues: original.codePaths.map { ($0.code.guid, $0) })
        let after = Dictionary(uniqueKeysWithValues: back.codePaths.map { ($0.code.guid, $0) })
        #expect(Set(after.keys) == Set(before.keys), "every code comes back with the GUID it came in with")
        for (guid, entry) in before {
            guard let again = after[guid] else { continue }
            #expect(again.path == entry.path.map { $0.replacingOccurrences(of: "/", with: "\u{2215}") }, "\(guid)")
            #expect(again.code.description == entry.code.description, "\(entry.path)")
            #expect(again.code.color == entry.code.color, "\(entry.path)")
        }
        // The same file again defines nothing.
        let again = p.must("--as", "lena", "codebook", "import", file)
        #expect(again.out.contains("defined 0 codes; 307 already in the codebook"), "\(again.out)")
    }

    @Test func nestedCodesAndAnExistingPathAreMatched() throws {
        let p = try Project.make()
        let qdc = """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="hand">
            <Codes>
            <Code guid="{6A0F8C5E-1111-4A8B-9C3D-0123456789AB}" name="values" isCodable="true">
              <Code guid="6a0f8c5e-2222-4a8b-9c3d-0123456789ab" name="fairness" isCodable="true" color="#FF0000">
                <Description>Treats people alike</Description>
                <Code guid="6A0F8C5E-3333-4A8B-9C3D-0123456789AB" name="bias / harm" isCodable="false"/>
              </Code>
            </Code>
            </Codes>
            </CodeBook>
            """
        try p.write("extra.qdc", qdc)
        let r = p.must("--as", "lena", "codebook", "import", "extra.qdc")
        #expect(r.out.contains("defined 2 codes; 1 already in the codebook"), "\(r.out)")
        let paths = try p.json("code", "list")["codes"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
        #expect(paths.contains("values/fairness/bias \u{2215} harm"), "\(paths)")
        let event = try p.lastEvent(ofType: "code.defined")
        #expect(event["body"]?["guid"] == "6a0f8c5e-3333-4a8b-9c3d-0123456789ab")
        let fairness = try p.events().first { $0["body"]?["name"] == "fairness" }
        #expect(fairness?["body"]?["color"] == "#ff0000")
        #expect(event["body"]?["parent"] == fairness?["id"], "the child's parent is its parent's code.defined in the same batch")
    }

    /// The parent level is appended before the child level is refused: the
    /// whole batch is one transaction, so the parent goes too.
    @Test func aRefusalInALaterLevelUndoesTheEarlierLevels() throws {
        let p = try Project.make()
        try p.write("blank.qdc", """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0">
            <Codes><Code guid="6A0F8C5E-4444-4A8B-9C3D-0123456789AB" name="parent" isCodable="true">
            <Code guid="6A0F8C5E-5555-4A8B-9C3D-0123456789AB" name="   " isCodable="true"/></Code></Codes>
            </CodeBook>
            """)
        try p.expectNothingWritten("a blank child name") {
            expectError(p.accord("--as", "lena", "codebook", "import", "blank.qdc"), "bad_code_name", mentions: ["6A0F8C5E-5555"])
        }
    }

    @Test func aBadFileOrANonLeadChangesNothing() throws {
        let p = try Project.make()
        try p.write("junk.qdc", "this is not XML")
        try p.write("project.qdc", "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"/>")
        let (file, _) = try maxqdaCodebook(in: p)
        try p.expectNothingWritten("bad codebooks") {
            expectError(p.accord("--as", "lena", "codebook", "import", "junk.qdc"), "bad_xml")
            expectError(p.accord("--as", "lena", "codebook", "import", "project.qdc"), "not_refi")
            expectError(p.accord("--as", "lena", "codebook", "import", "missing.qdc"), "io_error")
            expectError(p.accord("--as", "alice", "codebook", "import", file), "forbidden")
        }
    }
}
