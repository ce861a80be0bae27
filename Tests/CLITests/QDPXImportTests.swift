import Foundation
import Interop
import Store
import Testing

/// `accord import qdpx FILE`.
@Suite struct QDPXImportTests {
    /// Alice and Bob code northwind and lumen and finish northwind; Alice writes a memo.
    func coded() throws -> Project {
        let p = try Project.make()
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "1")
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "2")
        _ = try p.apply("values/honesty", "northwind", as: "alice", "--paragraph", "1")
        _ = try p.apply("values/helpfulness", "northwind", as: "bob", "--paragraph", "1")
        _ = try p.apply("data/red-teaming", "northwind", as: "bob", "--quote", "red team")
        _ = try p.apply("values/honesty", "unicode", as: "bob", "--span", "0:6")
        p.must("--as", "alice", "memo", "add", "the claim comes first", "--doc", "northwind")
        p.must("--as", "alice", "done", "northwind")
        p.must("--as", "bob", "done", "northwind")
        return p
    }

    func codingSet(_ p: Project) throws -> Set<String> {
        Set(try p.codings().map { c in
            ["coder", "document", "code", "start", "end"].map { c[$0].map { "\($0)" } ?? "-" }.joined(separator: "|")
        })
    }

    func codePaths(_ p: Project) throws -> Set<String> {
        Set(try p.json("code", "list")["codes"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? [])
    }

    @Test func exportThenImportGivesTheSameCodebookCodingsDoneMarksAndAgreement() throws {
        let p = try coded()
        p.must("--as", "lena", "export", "qdpx", "out.qdpx")
        let q = try Project.emptyFolder()
        q.must("init", "--name", "copy", "--as", "lena")
        try FileManager.default.copyItem(at: p.dir.appendingPathComponent("out.qdpx"), to: q.dir.appendingPathComponent("in.qdpx"))
        let r = q.must("--as", "lena", "import", "qdpx", "in.qdpx")
        #expect(r.out.contains("made a key for each REFI user who coded (alice, bob)"), "\(r.out)")
        #expect(r.out.contains("added 3 documents"), "\(r.out)")
        #expect(r.out.contains("6 codings"), "\(r.out)")
        #expect(r.out.contains("2 done marks"), "\(r.out)")
        #expect(try codePaths(q) == codePaths(p))
        #expect(try codingSet(q) == codingSet(p))
        let before = try p.json("agreement")
        let after = try q.json("agreement")
        #expect(after["coders"] == before["coders"])
        #expect(after["documents"] == before["documents"] && after["units"] == before["units"])
        for field in ["codes", "groups", "overall"] {
            #expect(stripIDs(after[field]) == stripIDs(before[field]), "\(field) differs")
        }
        let memos = q.must("--as", "lena", "memo", "list").out
        #expect(memos.contains("the claim comes first"))
        // The same file again adds nothing.
        let again = q.must("--as", "lena", "import", "qdpx", "in.qdpx")
        #expect(again.out.contains("added 0 documents (3 already here), defined 0 codes (6 already here), 0 codings (6 already here), 0 done marks, 0 memos"),
                "\(again.out)")
        // And the GUIDs the import kept go back out unchanged.
        q.must("--as", "lena", "export", "qdpx", "back.qdpx")
        let first = try QDPXReader.read(p.dir.appendingPathComponent("out.qdpx")).project
        let second = try QDPXReader.read(q.dir.appendingPathComponent("back.qdpx")).project
        #expect(Set(second.codebook.allCodes.map(\.guid)) == Set(first.codebook.allCodes.map(\.guid)))
        #expect(Set(second.sources.map(\.guid)) == Set(first.sources.map(\.guid)))
    }

    /// Agreement JSON without the code ids, which differ between projects.
    func stripIDs(_ value: JSONValue?) -> JSONValue? {
        switch value {
        case .object(let fields)?: .object(fields.filter { $0.key != "id" }.mapValues { stripIDs($0) ?? .null })
        case .array(let items)?: .array(items.map { stripIDs($0) ?? .null })
        default: value
        }
    }

    @Test func theMAXQDAProjectImportsWhole() throws {
        let q = try Project.emptyFolder()
        q.must("init", "--name", "themes", "--as", "lena")
        try FileManager.default.copyItem(at: REFIFiles.maxqda, to: q.dir.appendingPathComponent("maxqda.qdpx"))
        let r = q.must("--as", "lena", "import", "qdpx", "maxqda.qdpx")
        #expect(r.out.contains("added 10 documents"), "\(r.out)")
        #expect(r.out.contains("defined 307 codes"), "\(r.out)")
        let original = try QDPXReader.read(REFIFiles.maxqda).project
        #expect(try codePaths(q).count == 307)
        let titles = Set(try q.json("doc", "list")["documents"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? [])
        #expect(titles == Set(original.sources.map(\.name)))
        q.must("--as", "lena", "export", "qdpx", "back.qdpx")
        let back = try QDPXReader.read(q.dir.appendingPathComponent("back.qdpx")).project
        #expect(Set(back.codebook.allCodes.map(\.guid)) == Set(original.codebook.allCodes.map(\.guid)))
        #expect(Set(back.sources.map(\.guid)) == Set(original.sources.map(\.guid)))
        for source in original.sources {
            #expect(back.sources.first { $0.guid == source.guid }?.text == source.text, "\(source.name)")
        }
    }

    /// A hand-made project: one user, one code, one source, one coding of `[start, end)`.
    func handMade(codeRef: String = "22222222-2222-4222-8222-222222222222", end: Int = 5, withText: Bool = true,
                  to url: URL) throws {
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="hand" origin="hand">
            <Users><User guid="11111111-1111-4111-8111-111111111111" name="carol"/></Users>
            <CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222222" name="greeting" isCodable="true"/></Codes></CodeBook>
            <Sources><TextSource guid="{33333333-3333-4333-8333-333333333333}" name="hello" plainTextPath="internal://hello.txt">
            <PlainTextSelection guid="44444444-4444-4444-8444-444444444444" startPosition="0" endPosition="\(end)"/>
            <PlainTextSelection guid="66666666-6666-4666-8666-666666666666" startPosition="0" endPosition="\(end)">
            <Coding guid="55555555-5555-4555-8555-555555555555" creatingUser="11111111-1111-4111-8111-111111111111">
            <CodeRef targetGUID="\(codeRef)"/></Coding></PlainTextSelection>
            </TextSource></Sources>
            <Graphs/>
            </Project>
            """
        var entries = ["project.qde": Data(qde.utf8)]
        if withText { entries["sources/hello.txt"] = Data("Hello world, hello accord.".utf8) }
        try REFIFiles.zip(entries, to: url)
    }

    @Test func aHandMadeProjectComesInWithItsCoder() throws {
        let p = try coded()
        try handMade(to: p.dir.appendingPathComponent("hand.qdpx"))
        let r = p.must("--as", "lena", "import", "qdpx", "hand.qdpx")
        #expect(r.out.contains("1 selection(s) without a coding skipped"), "\(r.out)")
        #expect(r.out.contains("unknown element(s) ignored") || r.out.contains("`Graph"), "\(r.out)")
        #expect(r.out.contains("made a key for each REFI user who coded (carol)"), "\(r.out)")
        let carol = try p.codings().filter { $0["coder"] == "carol" }
        #expect(carol.count == 1)
        #expect(carol.first?["document"] == "hello" && carol.first?["code"] == "greeting")
        #expect(carol.first?["start"] == 0 && carol.first?["end"] == 5)
        #expect(p.must("key", "list").out.contains("carol"))
    }

    @Test func aCodingOfAnUnknownCodeASelectionPastTheTextOrAMissingSourceChangesNothing() throws {
        let p = try coded()
        try handMade(codeRef: "77777777-7777-4777-8777-777777777777", to: p.dir.appendingPathComponent("code.qdpx"))
        try handMade(end: 500, to: p.dir.appendingPathComponent("range.qdpx"))
        try handMade(withText: false, to: p.dir.appendingPathComponent("text.qdpx"))
        let keys = p.must("key", "list").out
        try p.expectNothingWritten("broken hand-made projects") {
            expectError(p.accord("--as", "lena", "import", "qdpx", "code.qdpx"), "unknown_code", mentions: ["77777777"])
            expectError(p.accord("--as", "lena", "import", "qdpx", "range.qdpx"), "selection_out_of_range")
            expectError(p.accord("--as", "lena", "import", "qdpx", "text.qdpx"), "missing_source", mentions: ["hello.txt"])
        }
        #expect(p.must("key", "list").out == keys)
    }

    @Test func aBrokenFileOrANonLeadChangesNothing() throws {
        let p = try coded()
        try p.write("junk.qdpx", "not a zip at all")
        try REFIFiles.zip(["sources/a.txt": Data("text".utf8)], to: p.dir.appendingPathComponent("noproject.qdpx"))
        try FileManager.default.copyItem(at: REFIFiles.maxqda, to: p.dir.appendingPathComponent("maxqda.qdpx"))
        p.must("--as", "lena", "export", "qdpx", "mine.qdpx")
        let keys = p.must("key", "list").out
        try p.expectNothingWritten("bad projects") {
            expectError(p.accord("--as", "lena", "import", "qdpx", "junk.qdpx"), "not_zip")
            expectError(p.accord("--as", "lena", "import", "qdpx", "noproject.qdpx"), "no_project_qde")
            expectError(p.accord("--as", "alice", "import", "qdpx", "maxqda.qdpx"), "forbidden")
            expectError(p.accord("--as", "alice", "import", "qdpx", "mine.qdpx"), "forbidden")
        }
        #expect(p.must("key", "list").out == keys, "no key is made for a refused import")
    }
}
