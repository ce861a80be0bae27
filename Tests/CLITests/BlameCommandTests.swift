import Foundation
import Store
import Testing

/// `accord blame`: one coding's whole story, each step with its event id.
@Suite struct BlameCommandTests {
    @Test func blameTellsACodingsHistory() throws {
        let p = try Project.make()
        let coding = try p.apply("values/honesty", "northwind", as: "alice", "--paragraph", "1")
        try p.apply("values/helpfulness", "northwind", as: "bob", "--paragraph", "1")
        for who in ["alice", "bob"] { p.must("--as", who, "done", "northwind") }
        let memo = p.must("--as", "alice", "memo", "add", "--coding", coding, "honest about what?").out
        p.must("--as", "lena", "code", "rename", "values/honesty", "truthfulness")
        let rename = try p.lastEvent(ofType: "code.changed")["id"]?.stringValue
        p.must("--as", "lena", "resolve", "northwind:0-52", "--code", "values/truthfulness")
        let first = try p.lastEvent(ofType: "adjudication.decided")["id"]?.stringValue
        p.must("--as", "lena", "code", "merge", "values/truthfulness", "values/helpfulness")
        let merge = try p.lastEvent(ofType: "code.merged")["id"]?.stringValue
        // The standing decision already counts as helpfulness now: deciding that again writes nothing.
        #expect(try p.json("--as", "lena", "resolve", "northwind:0-52", "--code", "values/helpfulness")["decisions"] == [])
        p.must("--as", "lena", "resolve", "northwind:0-52", "--code", "values/helpfulness", "--code", "data/red-teaming")
        let second = try p.lastEvent(ofType: "adjudication.decided")["id"]?.stringValue
        p.must("--as", "lena", "unapply", coding)
        let withdrawal = try p.lastEvent(ofType: "segment.uncoded")["id"]?.stringValue

        let blame = try p.json("blame", String(coding.prefix(10)))
        #expect(blame["coding"]?.stringValue == coding)
        #expect(blame["coder"] == "alice")
        #expect(blame["document"] == "northwind" && blame["start"] == 0 && blame["end"] == 52)
        #expect(blame["text"] == "Northwind trains its model to be helpful and honest.")
        #expect(blame["code"]?["then"] == "values/honesty")
        #expect(blame["code"]?["now"] == "values/helpfulness")
        let history = blame["code"]?["history"]?.items ?? []
        #expect(history.map { $0["kind"]?.stringValue } == ["defined", "renamed", "merged"])
        #expect(history[1]["event"]?.stringValue == rename)
        #expect(history[1]["detail"] == "values/honesty → values/truthfulness")
        #expect(history[2]["event"]?.stringValue == merge)
        #expect(blame["withdrawn"]?["event"]?.stringValue == withdrawal)
        #expect(blame["withdrawn"]?["by"] == "lena")
        #expect(blame["memos"]?.items.map { $0["id"]?.stringValue } == [memo])
        let adjudications = blame["adjudications"]?.items ?? []
        #expect(adjudications.map { $0["event"]?.stringValue } == [first, second])
        #expect(adjudications.map { $0["standing"] } == [false, true])
        #expect(adjudications[1]["base"] == [.string(first!)])
        // The readable form names the same events.
        let text = p.must("blame", coding).stdout
        for id in [rename, merge, first, second, withdrawal, memo] { #expect(text.contains(String(id!.prefix(12)))) }
        #expect(text.contains("code then: values/honesty"))
    }

    @Test func blameOfAnUnknownCodingIsRefused() throws {
        let p = try Project.make()
        try p.expectNothingWritten("blame") {
            expectError(p.accord("blame", "0123456789abcdef"), "unknown_coding")
            expectError(p.accord("blame", "xyz"), "unknown_coding")
        }
    }
}
