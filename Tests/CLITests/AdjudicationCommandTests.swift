import Foundation
import Store
import Testing

/// A lead's work after the kappa table: `disagreements`, `resolve` in its
/// forms, the consensus layer (`codings --consensus`, `agreement --against
/// consensus`, `disagreements --undecided`) and concurrent decisions.
@Suite struct AdjudicationCommandTests {
    /// northwind's paragraphs: 0-52, 54-109, 111-158.
    static func disagreeingProject() throws -> Project {
        let p = try Project.make()
        // Paragraph 1: both say helpfulness (agreed). Paragraph 2: alice
        // helpfulness, bob honesty. Paragraph 3: only bob, red-teaming.
        try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "1")
        try p.apply("values/helpfulness", "northwind", as: "bob", "--paragraph", "1")
        try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "2")
        try p.apply("values/honesty", "northwind", as: "bob", "--quote", "the model is helpful")
        try p.apply("data/red-teaming", "northwind", as: "bob", "--paragraph", "3")
        for who in ["alice", "bob"] { p.must("--as", who, "done", "northwind") }
        return p
    }

    @Test func disagreementsListTheUnitsWhereCodersDiffer() throws {
        let p = try Self.disagreeingProject()
        let units = try p.json("disagreements")["units"]?.items ?? []
        #expect(units.map { $0["unit"]?.stringValue } == ["northwind:54-109", "northwind:111-158"])
        #expect(units[0]["text"] == "Annotators rank pairs of answers; the model is helpful.")
        #expect(units[0]["codes"] == ["alice": ["values/helpfulness"], "bob": ["values/honesty"]])
        #expect(units[1]["codes"] == ["alice": [], "bob": ["data/red-teaming"]])
        #expect(units[0]["consensus"] == .null)
        #expect(units[0]["document"] == "northwind" && units[0]["start"] == 54 && units[0]["end"] == 109)
        // Filters.
        #expect(try p.json("disagreements", "--codes", "data/red-teaming")["units"]?.count == 1)
        #expect(try p.json("disagreements", "--doc", "lumen")["units"]?.count == 0)
        #expect(try p.json("disagreements", "--unit", "document")["units"]?.count == 1)
        // The table ellipsises long text; JSON keeps it whole.
        let long = String(repeating: "word ", count: 80)
        try p.write("long.txt", long + "\n")
        p.must("--as", "lena", "doc", "add", "long.txt")
        try p.apply("values", "long", as: "alice", "--paragraph", "1")
        for who in ["alice", "bob"] { p.must("--as", who, "done", "long") }
        let row = try #require(p.must("disagreements", "--doc", "long").lines.last)
        #expect(row.contains("…") && !row.contains(long.trimmingCharacters(in: .whitespaces)))
        #expect(try p.json("disagreements", "--doc", "long")["units"]?.items.first?["text"]?.stringValue == long.trimmingCharacters(in: .whitespaces))
    }

    @Test func resolveOneUnitAgreedUnitsAndACodersCodes() throws {
        let p = try Self.disagreeingProject()
        // --agreed decides paragraph 1 only, in one batch.
        #expect(try p.json("--as", "lena", "resolve", "--agreed")["decisions"]?.count == 1)
        #expect(try p.json("--as", "lena", "resolve", "--agreed")["decisions"]?.count == 0, "already decided: nothing new")
        // One unit by hand, with a note.
        let id = p.must("--as", "lena", "resolve", "northwind:54-109", "--code", "values/helpfulness", "--code", "values/honesty",
                        "--note", "both apply").out
        #expect(isHexID(id))
        let event = try p.lastEvent(ofType: "adjudication.decided")
        #expect(event["id"]?.stringValue == id)
        #expect(event["body"]?["note"] == "both apply")
        #expect(event["body"]?["base"] == [], "nothing decided there before")
        // A coder's codes for a unit.
        p.must("--as", "lena", "resolve", "--accept", "bob", "--doc", "northwind", "northwind:111-158")
        let consensus = try p.json("codings", "--consensus")
        let decisions = consensus["decisions"]?.items ?? []
        #expect(decisions.map { $0["start"]?.intValue } == [0, 54, 111])
        #expect(decisions.map { $0["codes"] } == [["values/helpfulness"], ["values/helpfulness", "values/honesty"], ["data/red-teaming"]])
        #expect(consensus["codings"]?.items.allSatisfy { $0["coder"] == "consensus" } == true)
        #expect(consensus["codings"]?.count == 4)
        #expect(try p.json("disagreements", "--undecided")["units"]?.count == 0)
        #expect(try p.json("disagreements")["units"]?.items.first?["consensus"] == ["values/helpfulness", "values/honesty"])

        // A new decision names the one it replaces in base.
        p.must("--as", "lena", "resolve", "northwind:54-109", "--none")
        let replaced = try p.lastEvent(ofType: "adjudication.decided")
        #expect(replaced["body"]?["base"] == [.string(id)])
        #expect(replaced["body"]?["codes"] == [])
        #expect(try p.json("disagreements")["units"]?.items.first?["consensus"] == [])

        // --accept over a whole document takes alice's codes everywhere anyone coded.
        p.must("--as", "lena", "resolve", "--accept", "alice", "--doc", "northwind")
        let after = try p.json("codings", "--consensus")["decisions"]?.items ?? []
        #expect(after.map { $0["codes"] } == [["values/helpfulness"], ["values/helpfulness"], []])
    }

    @Test func agreementAgainstTheConsensus() throws {
        let p = try Self.disagreeingProject()
        p.must("--as", "lena", "resolve", "--agreed")
        p.must("--as", "lena", "resolve", "--accept", "alice", "--doc", "northwind")
        let report = try p.json("agreement", "--against", "consensus")
        #expect(report["reference"] == "consensus")
        let helpfulness = try #require(report["codes"]?.items.first { $0["code"] == "values/helpfulness" })
        let pairs = helpfulness["pairs"]?.items ?? []
        #expect(pairs.map { $0["coders"] } == [["alice", "consensus"], ["bob", "consensus"]])
        #expect(pairs[0]["only_first"] == 0 && pairs[0]["only_second"] == 0 && pairs[0]["both"] == 2, "the consensus is alice's codes")
        #expect(pairs[1]["both"] == 1 && pairs[1]["only_second"] == 1)
        expectError(p.accord("agreement", "--against", "lena"), "bad_against")
    }

    @Test func concurrentDecisionsAreAConflictUntilALeadSettlesThem() throws {
        let p = try Self.disagreeingProject()
        let max = p.must("key", "new", "max").out
        p.must("--as", "lena", "member", "add", "max", "--key", max, "--role", "lead")
        // A second replica: a copy of this one, where max decides offline.
        let other = try Project.emptyFolder()
        for item in try FileManager.default.contentsOfDirectory(atPath: p.dir.path) {
            try FileManager.default.copyItem(at: p.dir.appendingPathComponent(item), to: other.dir.appendingPathComponent(item))
        }
        other.must("--as", "max", "resolve", "northwind:54-109", "--code", "values/honesty")
        p.must("--as", "lena", "resolve", "northwind:54-109", "--code", "values/helpfulness")
        other.must("bundle", "export", "max.bundle")
        p.must("bundle", "import", other.dir.appendingPathComponent("max.bundle").path)
        let conflicts = try p.json("conflicts")["conflicts"]?.items ?? []
        let adjudication = try #require(conflicts.first { $0["kind"] == "adjudication" })
        #expect(adjudication["sides"]?.count == 2)
        #expect(adjudication["name"] == "northwind:54-109", "named as resolve takes it")
        #expect(p.must("conflicts").stdout.contains("adjudication: northwind:54-109"))
        // The next decision has seen both: it settles the conflict.
        p.must("--as", "lena", "resolve", "northwind:54-109", "--code", "values/helpfulness", "--code", "values/honesty")
        #expect(try p.lastEvent(ofType: "adjudication.decided")["body"]?["base"]?.count == 2)
        #expect(try p.json("conflicts")["conflicts"]?.items.contains { $0["kind"] == "adjudication" } == false)
    }

    @Test func badResolutionsWriteNothing() throws {
        let p = try Self.disagreeingProject()
        let carol = p.must("key", "new", "carol").out
        p.must("--as", "lena", "member", "add", "carol", "--key", carol, "--role", "auditor")
        p.must("--as", "lena", "code", "retire", "data/synthetic data")
        try p.expectNothingWritten("bad resolutions") {
            expectError(p.accord("--as", "alice", "resolve", "northwind:54-109", "--code", "values"), "forbidden", mentions: ["lead", "alice"])
            expectError(p.accord("--as", "carol", "resolve", "--agreed"), "forbidden", mentions: ["carol", "auditor"])
            expectError(p.accord("--as", "lena", "resolve", "northwind:54-100", "--code", "values"), "unknown_unit", mentions: ["paragraph"])
            expectError(p.accord("--as", "lena", "resolve", "northwind:54-109", "--code", "values", "--unit", "document"), "unknown_unit", mentions: ["document"])
            expectError(p.accord("--as", "lena", "resolve", "northwind:0-9999", "--code", "values"), "span_out_of_range")
            expectError(p.accord("--as", "lena", "resolve", "northwind-54-109", "--code", "values"), "bad_unit_name")
            expectError(p.accord("--as", "lena", "resolve", "nowhere:0-5", "--code", "values"), "unknown_document")
            expectError(p.accord("--as", "lena", "resolve", "northwind:54-109", "--code", "values/kindness"), "unknown_code")
            expectError(p.accord("--as", "lena", "resolve", "northwind:54-109", "--code", "data/synthetic data"), "retired_code")
            expectError(p.accord("--as", "lena", "resolve", "northwind:54-109"), "bad_resolve")
            expectError(p.accord("--as", "lena", "resolve", "northwind:54-109", "--code", "values", "--none"), "bad_resolve")
            expectError(p.accord("--as", "lena", "resolve", "--agreed", "--accept", "bob", "--doc", "northwind"), "bad_resolve")
            expectError(p.accord("--as", "lena", "resolve", "--accept", "bob"), "bad_resolve")
            expectError(p.accord("--as", "lena", "resolve", "--accept", "lena", "--doc", "northwind"), "never_coded", mentions: ["lena"])
            expectError(p.accord("--as", "lena", "resolve", "--accept", "nobody", "--doc", "northwind"), "unknown_member")
            expectError(p.accord("--as", "lena", "resolve", "--agreed", "--unit", "segment"), "bad_unit")
            expectError(p.accord("disagreements", "--at", "deadbeefdeadbeef"), "unknown_event")
            expectError(p.accord("codings", "--consensus", "--coder", "bob"), "bad_consensus")
        }
    }
}
