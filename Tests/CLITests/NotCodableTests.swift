import Foundation
import Interop
import Testing

/// A code that only groups others (REFI-QDA `isCodable="false"`): kept
/// through codebook and project import and export, and refused by `apply`
/// and coding import until a lead makes it codable.
@Suite struct NotCodableTests {
    let qdc = """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="hand">
        <Codes>
        <Code guid="7B1F8C5E-1111-4A8B-9C3D-0123456789AB" name="themes" isCodable="false">
          <Code guid="7B1F8C5E-2222-4A8B-9C3D-0123456789AB" name="care" isCodable="true"/>
        </Code>
        </Codes>
        </CodeBook>
        """

    func codable(_ p: Project, _ path: String) throws -> Bool? {
        try p.json("code", "list")["codes"]?.arrayValue?.first { $0["path"]?.stringValue == path }?["codable"]?.boolValue
    }

    func refiCode(_ codebook: REFICodebook, _ name: String) -> REFICode? {
        codebook.allCodes.first { $0.name == name }
    }

    @Test func aGroupingCodeFromAQDCComesInGoesOutAndComesBackAsItIs() throws {
        let p = try Project.make()
        try p.write("themes.qdc", qdc)
        let r = p.must("--as", "lena", "codebook", "import", "themes.qdc")
        #expect(r.out.contains("defined 2 codes; 0 already in the codebook"), "\(r.out)")
        #expect(!r.out.contains("not codable"), "no note: the code keeps what it is")
        #expect(try codable(p, "themes") == false)
        #expect(try codable(p, "themes/care") == true)
        #expect(try codable(p, "values") == true, "a code defined by accord is codable")
        #expect(p.must("code", "list").out.contains("themes  [not codable]"))
        let event = try p.events().first { $0["body"]?["name"] == "themes" }
        #expect(event?["body"]?["codable"] == false)
        #expect(try p.lastEvent(ofType: "code.defined")["body"]?["codable"] == nil, "a codable code's body has no codable field")

        p.must("codebook", "export", "back.qdc")
        let back = try QDCReader.read(p.dir.appendingPathComponent("back.qdc")).codebook
        #expect(refiCode(back, "themes")?.isCodable == false)
        #expect(refiCode(back, "care")?.isCodable == true)
        let xml = try String(contentsOf: p.dir.appendingPathComponent("back.qdc"), encoding: .utf8)
        #expect(xml.contains("isCodable=\"false\""))
        let again = p.must("--as", "lena", "codebook", "import", "back.qdc")
        #expect(again.out.contains("defined 0 codes;"), "\(again.out)")
    }

    @Test func applyAndCodingImportRefuseAGroupingCodeUntilALeadMakesItCodable() throws {
        let p = try Project.make()
        try p.write("themes.qdc", qdc)
        p.must("--as", "lena", "codebook", "import", "themes.qdc")
        try p.write("codings.csv", "document,start,end,code\nnorthwind,0,9,themes/care\nnorthwind,0,9,themes\n")
        try p.expectNothingWritten("codings of a grouping code") {
            expectError(p.accord("--as", "alice", "apply", "themes", "northwind", "--span", "0:9"), "not_codable",
                        mentions: ["themes", "code change themes --codable true"])
            expectError(p.accord("--as", "alice", "import", "codings", "codings.csv"), "not_codable", mentions: ["line 3"])
        }
        p.must("--as", "lena", "code", "change", "themes", "--codable", "true")
        #expect(try codable(p, "themes") == true)
        p.must("--as", "alice", "apply", "themes", "northwind", "--span", "0:9")
        p.must("--as", "alice", "import", "codings", "codings.csv")
    }

    @Test func codeAddAndCodeChangeSetIt() throws {
        let p = try Project.make()
        p.must("--as", "lena", "code", "add", "groups", "--not-codable")
        #expect(try codable(p, "groups") == false)
        try p.expectNothingWritten("applying it") {
            expectError(p.accord("--as", "lena", "apply", "groups", "northwind", "--span", "0:9"), "not_codable")
        }
        p.must("--as", "lena", "code", "change", "values", "--codable", "false")
        #expect(try codable(p, "values") == false)
        #expect(try p.lastEvent(ofType: "code.changed")["body"]?["codable"] == false)
        try p.expectNothingWritten("bad or forbidden changes") {
            let maybe = p.accord("--as", "lena", "code", "change", "values", "--codable", "maybe")
            #expect(maybe.status == 64 && maybe.errorCode == "usage", "\(maybe)")
            expectError(p.accord("--as", "alice", "code", "change", "values", "--codable", "true"), "forbidden")
        }
    }

    @Test func aProjectExportAndImportKeepIt() throws {
        let p = try Project.make()
        p.must("--as", "lena", "code", "change", "values", "--codable", "false")
        p.must("--as", "lena", "export", "qdpx", "out.qdpx")
        let exported = try QDPXReader.read(p.dir.appendingPathComponent("out.qdpx")).project.codebook
        #expect(refiCode(exported, "values")?.isCodable == false)
        #expect(refiCode(exported, "honesty")?.isCodable == true)
        let q = try Project.emptyFolder()
        q.must("init", "--name", "copy", "--as", "lena")
        try FileManager.default.copyItem(at: p.dir.appendingPathComponent("out.qdpx"), to: q.dir.appendingPathComponent("in.qdpx"))
        q.must("--as", "lena", "import", "qdpx", "in.qdpx")
        #expect(try codable(q, "values") == false)
        #expect(try codable(q, "values/honesty") == true)
    }
}
