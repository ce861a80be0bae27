import Foundation
import Store
import Testing

/// `memo add` and `memo list`: memos on documents, codes and codings, the
/// filters, blind coding, and refusals that write nothing.
@Suite struct MemoCommandTests {
    @Test func memosOnDocumentsCodesAndCodings() throws {
        let p = try Project.make()
        let coding = try p.apply("values/honesty", "lumen", as: "alice", "--quote", "never deceive")
        let onCoding = p.must("--as", "alice", "memo", "add", "--coding", String(coding.prefix(10)), "strong claim, no evidence").out
        #expect(isHexID(onCoding))
        let onDoc = try p.json("--as", "lena", "memo", "add", "--doc", "northwind", "read this first")["memo"]?.stringValue
        #expect(isHexID(onDoc))
        try p.write("memo.txt", "Honesty covers\nnon-deception too.\n")
        p.must("--as", "lena", "memo", "add", "--code", "values/honesty", "--file", "memo.txt")

        let all = try p.json("--as", "lena", "memo", "list")["memos"]?.items ?? []
        #expect(all.count == 3)
        #expect(all[0]["id"]?.stringValue == onCoding)
        #expect(all[0]["author"] == "alice")
        #expect(all[0]["coding"]?.stringValue == coding)
        #expect(all[0]["document"] == "lumen", "a memo on a coding is about the coding's document")
        #expect(all[1]["document"] == "northwind")
        #expect(all[2]["code"] == "values/honesty")
        #expect(all[2]["text"] == "Honesty covers\nnon-deception too.\n", "the file's text, whole")

        #expect(try p.json("--as", "lena", "memo", "list", "--doc", "lumen")["memos"]?.count == 1)
        #expect(try p.json("--as", "lena", "memo", "list", "--code", "values/honesty")["memos"]?.count == 2,
                "memos on the code and on its codings")
        #expect(try p.json("--as", "lena", "memo", "list", "--coding", coding)["memos"]?.count == 1)
        // The table shows one line per memo, newlines escaped away.
        let table = p.must("--as", "lena", "memo", "list").stdout
        #expect(table.contains("Honesty covers non-deception too."))
        #expect(table.contains("coding \(coding.prefix(12))"))
    }

    @Test func memosFollowBlindCoding() throws {
        let p = try Project.make()
        let coding = try p.apply("values/honesty", "lumen", as: "alice", "--quote", "never deceive")
        p.must("--as", "alice", "memo", "add", "--coding", coding, "alice's note on her coding")
        p.must("--as", "alice", "memo", "add", "--doc", "lumen", "alice's note on lumen")
        p.must("--as", "alice", "memo", "add", "--code", "values", "alice's note on a code")
        p.must("--as", "bob", "memo", "add", "--doc", "lumen", "bob's note")

        let r = p.accord("--as", "bob", "memo", "list", "--json")
        try #require(r.ok, "\(r)")
        let bobs = try r.json()
        #expect(bobs["memos"]?.items.compactMap { $0["text"]?.stringValue } == ["alice's note on a code", "bob's note"])
        #expect(bobs["hidden"] == 2)
        #expect(r.stderr.contains("2 memo(s)"))
        #expect(try p.json("--as", "bob", "memo", "list", "--reveal")["memos"]?.count == 4)
        #expect(try p.json("--as", "lena", "memo", "list")["memos"]?.count == 4, "a lead sees every memo")
        p.must("--as", "bob", "done", "lumen")
        #expect(try p.json("--as", "bob", "memo", "list")["memos"]?.count == 4, "after done, bob sees alice's memos on lumen")
    }

    @Test func badMemosWriteNothing() throws {
        let p = try Project.make()
        let coding = try p.apply("values/honesty", "lumen", as: "alice", "--quote", "never deceive")
        let carol = p.must("key", "new", "carol").out
        p.must("--as", "lena", "member", "add", "carol", "--key", carol, "--role", "auditor")
        try p.write("binary.bin", Data([0xff, 0xfe, 0x00, 0x41]))
        try p.expectNothingWritten("bad memos") {
            expectError(p.accord("--as", "alice", "memo", "add", "no target"), "bad_memo_target")
            expectError(p.accord("--as", "alice", "memo", "add", "--doc", "lumen", "--code", "values", "two"), "bad_memo_target")
            expectError(p.accord("--as", "alice", "memo", "add", "--doc", "lumen"), "bad_memo")
            expectError(p.accord("--as", "alice", "memo", "add", "--doc", "lumen", " \n "), "empty_memo")
            expectError(p.accord("--as", "alice", "memo", "add", "--doc", "nowhere", "text"), "unknown_document")
            expectError(p.accord("--as", "alice", "memo", "add", "--code", "values/kindness", "text"), "unknown_code")
            expectError(p.accord("--as", "alice", "memo", "add", "--coding", "deadbeefdeadbeef", "text"), "unknown_coding")
            expectError(p.accord("--as", "alice", "memo", "add", "--doc", "lumen", "--file", "binary.bin"), "bad_text")
            expectError(p.accord("--as", "alice", "memo", "add", "--doc", "lumen", "--file", "missing.txt"), "unreadable_file")
            expectError(p.accord("--as", "carol", "memo", "add", "--coding", coding, "an auditor's opinion"), "forbidden",
                        mentions: ["carol", "auditor"])
            expectError(p.accord("memo", "list", "--doc", "nowhere"), "unknown_document")
        }
    }
}
