import Foundation
import Interop
import Testing

/// `accord export qdpx FILE`.
@Suite struct QDPXExportTests {
    func coded() throws -> Project {
        let p = try Project.make()
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "1")
        _ = try p.apply("values/honesty", "unicode", as: "bob", "--span", "0:6")
        p.must("--as", "alice", "memo", "add", "first paragraph is the claim", "--doc", "northwind")
        p.must("--as", "alice", "done", "northwind")
        return p
    }

    @Test func theExportIsValidREFIQDAWithUsersCodingsNotesAndStableGUIDs() throws {
        let p = try coded()
        let r = p.must("--as", "lena", "export", "qdpx", "a.qdpx")
        #expect(r.out.contains("wrote a.qdpx: 2 users, 6 codes, 3 documents, 2 codings, 1 notes, 1 done sets"))
        let url = p.dir.appendingPathComponent("a.qdpx")
        let qde = try #require(try REFIFiles.entry("project.qde", of: url))
        let violations = try REFISchemaValidator.validate(qde, file: "a.qdpx/project.qde")
        #expect(violations.isEmpty, "\(violations)")
        let xml = String(decoding: qde, as: UTF8.self)
        #expect(xml.contains("<User ") && xml.contains("name=\"alice\"") && xml.contains("name=\"bob\""))
        #expect(xml.contains("<PlainTextSelection") && xml.contains("creatingUser=") && xml.contains("creationDateTime="))
        #expect(xml.contains("first paragraph is the claim"))
        #expect(xml.contains("name=\"done by alice\""))
        let sources = try REFIFiles.paths(of: url).filter { $0.hasPrefix("sources/") }
        #expect(sources.count == 3)
        let texts = try sources.map { String(decoding: try #require(try REFIFiles.entry($0, of: url)), as: UTF8.self) }
        #expect(texts.contains(Corpus.unicodeStored))

        p.must("--as", "lena", "export", "qdpx", "b.qdpx")
        #expect(try Data(contentsOf: url) == Data(contentsOf: p.dir.appendingPathComponent("b.qdpx")),
                "the same project exports with the same bytes")
    }

    @Test func anExportIntoAMissingFolderOrOfAnEmptyProjectWritesNothing() throws {
        let p = try coded()
        expectError(p.accord("--as", "lena", "export", "qdpx", "nowhere/a.qdpx"), "write_failed", mentions: ["nowhere"])
        let empty = try Project.emptyFolder()
        empty.must("init", "--name", "empty", "--as", "lena")
        expectError(empty.accord("export", "qdpx", "a.qdpx"), "empty_project")
        #expect(!FileManager.default.fileExists(atPath: empty.dir.appendingPathComponent("a.qdpx").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: p.dir.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)
    }
}
