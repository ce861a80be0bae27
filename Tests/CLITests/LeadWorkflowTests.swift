import Foundation
import Store
import Testing

/// A lead's and an auditor's whole round through the real binary: three
/// coders with deliberate disagreements, two leads deciding one unit at once
/// on two replicas, a code merge, then every step from `disagreements` to an
/// audit export that the independent verifier accepts.
@Suite struct LeadWorkflowTests {
    @Test func disagreementsToAuditExport() throws {
        let p = try Project.make()
        let carl = p.must("key", "new", "carl").out
        p.must("--as", "lena", "member", "add", "carl", "--key", carl, "--role", "coder")
        let max = p.must("key", "new", "max").out
        p.must("--as", "lena", "member", "add", "max", "--key", max, "--role", "lead")
        let audra = p.must("key", "new", "audra").out
        p.must("--as", "lena", "member", "add", "audra", "--key", audra, "--role", "auditor")

        // northwind's paragraphs 0-52, 54-109, 111-158. Paragraph 1: all three
        // say helpfulness. Paragraph 2: alice and carl helpfulness, bob
        // honesty. Paragraph 3: bob and carl red-teaming, alice nothing.
        for who in ["alice", "bob", "carl"] { try p.apply("values/helpfulness", "northwind", as: who, "--paragraph", "1") }
        try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "2")
        let bobsHonesty = try p.apply("values/honesty", "northwind", as: "bob", "--paragraph", "2")
        try p.apply("values/helpfulness", "northwind", as: "carl", "--paragraph", "2")
        for who in ["bob", "carl"] { try p.apply("data/red-teaming", "northwind", as: who, "--paragraph", "3") }
        // lumen (one paragraph, 0-91): alice honesty, bob and carl synthetic data.
        try p.apply("values/honesty", "lumen", as: "alice", "--paragraph", "1")
        for who in ["bob", "carl"] { try p.apply("data/synthetic data", "lumen", as: who, "--paragraph", "1") }
        for who in ["alice", "bob", "carl"] { for doc in ["northwind", "lumen"] { p.must("--as", who, "done", doc) } }

        // The moment the coding round ended, and what agreement said then.
        let endOfRound = try #require(try p.events().last?["id"]?.stringValue)
        let agreementThen = try p.json("agreement")

        // Disagreements: every unit where the three differ, by document and position.
        let open = try p.json("disagreements")["units"]?.items ?? []
        #expect(open.map { $0["unit"]?.stringValue } == ["northwind:54-109", "northwind:111-158", "lumen:0-91"])
        let paragraph2 = try #require(open.first { $0["unit"] == "northwind:54-109" })
        #expect(paragraph2["codes"] == ["alice": ["values/helpfulness"], "bob": ["values/honesty"], "carl": ["values/helpfulness"]])

        // Resolve: the agreed unit in one batch, one unit by hand, and a coder's codes for a document.
        #expect(try p.json("--as", "lena", "resolve", "--agreed")["decisions"]?.count == 1)
        p.must("--as", "lena", "resolve", "northwind:54-109", "--code", "values/helpfulness", "--note", "honesty is not claimed here")
        p.must("--as", "lena", "resolve", "--accept", "bob", "--doc", "lumen")
        #expect(try p.json("disagreements", "--undecided")["units"]?.items.map { $0["unit"]?.stringValue } == ["northwind:111-158"])

        // The consensus layer.
        let consensus = try p.json("codings", "--consensus")
        #expect(consensus["decisions"]?.items.map { $0["codes"] }.contains(["data/synthetic data"]) == true)
        #expect(consensus["codings"]?.items.allSatisfy { $0["coder"] == "consensus" } == true)
        let against = try p.json("agreement", "--against", "consensus")
        #expect(against["reference"] == "consensus")
        let helpfulness = try #require(against["codes"]?.items.first { $0["code"] == "values/helpfulness" })
        #expect(helpfulness["pairs"]?.items.map { $0["coders"] } == [["alice", "consensus"], ["bob", "consensus"], ["carl", "consensus"]])

        // Two leads decide paragraph 3 at once, lena here and max on a copy of this replica.
        let other = try Project.emptyFolder()
        for item in try FileManager.default.contentsOfDirectory(atPath: p.dir.path) {
            try FileManager.default.copyItem(at: p.dir.appendingPathComponent(item), to: other.dir.appendingPathComponent(item))
        }
        other.must("--as", "max", "resolve", "northwind:111-158", "--code", "data/red-teaming")
        p.must("--as", "lena", "resolve", "northwind:111-158", "--none")
        other.must("bundle", "export", "max.bundle")
        p.must("bundle", "import", other.dir.appendingPathComponent("max.bundle").path)
        let conflict = try #require(try p.json("conflicts")["conflicts"]?.items.first { $0["kind"] == "adjudication" })
        #expect(conflict["name"] == "northwind:111-158" && conflict["sides"]?.count == 2)

        // A code merge, then the decision that settles the conflict.
        p.must("--as", "lena", "code", "merge", "values/honesty", "values/helpfulness")
        let merge = try p.lastEvent(ofType: "code.merged")["id"]?.stringValue
        p.must("--as", "lena", "resolve", "northwind:111-158", "--code", "data/red-teaming")
        let settling = try p.lastEvent(ofType: "adjudication.decided")
        #expect(settling["body"]?["base"]?.count == 2)
        #expect(try p.json("conflicts")["conflicts"]?.items.contains { $0["kind"] == "adjudication" } == false)

        // Blame, as the auditor: bob's honesty coding is helpfulness now, and
        // the decision by hand covered its unit.
        let blame = try p.json("--as", "audra", "blame", bobsHonesty)
        #expect(blame["coder"] == "bob")
        #expect(blame["code"]?["then"] == "values/honesty" && blame["code"]?["now"] == "values/helpfulness")
        #expect(blame["code"]?["history"]?.items.last?["event"]?.stringValue == merge)
        #expect(blame["adjudications"]?.items.first?["codes"] == ["values/helpfulness"])

        // Time travel: at the end of the coding round agreement is what it was then.
        #expect(try p.json("--as", "audra", "agreement", "--at", endOfRound) == agreementThen)
        #expect(try p.json("--as", "audra", "agreement") != agreementThen, "the merge changed the codes compared")

        // Audit export by the auditor; the independent verifier accepts it.
        let audit = p.dir.appendingPathComponent("audit")
        let exported = try p.json("--as", "audra", "audit", "export", audit.path)
        #expect(exported["state_digest"] == (try p.status())["state_digest"])
        if AuditExportTests.pythonReady {
            let verdict = try AuditExportTests.verify(audit)
            #expect(verdict.status == 0, "\(verdict.output)")
        }
    }
}
