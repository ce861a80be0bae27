import Foundation
import Store
import Testing

/// `agreement --trend`: the agreement at each step of the history, from one
/// forward fold; its last step is today's table and each step is what
/// `--at` shows for that moment.
@Suite struct AgreementTrendTests {
    @Test func eachStepIsTheAgreementAsItStoodThen() throws {
        let p = try Project.make()
        try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "1")
        try p.apply("values/helpfulness", "northwind", as: "bob", "--paragraph", "2")
        for who in ["alice", "bob"] { p.must("--as", who, "done", "northwind") }
        try p.apply("values/helpfulness", "northwind", as: "bob", "--paragraph", "1")
        try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "2")
        let total = try #require(p.status()["events"]?.intValue)

        let trend = try p.json("agreement", "--trend", "--every", "4-events")
        let steps = trend["steps"]?.items ?? []
        #expect(steps.count == Int((total + 3) / 4))
        #expect(steps.map { $0["events"]?.intValue } == (0..<steps.count).map { Int64(min(4 * ($0 + 1), Int(total))) })
        // Early steps have nothing to compare, and say why.
        #expect(steps[0]["note"]?.stringValue?.contains("two coders") == true)
        // The last step is today's agreement.
        let now = try p.json("agreement")
        let last = try #require(steps.last)
        let nowKappa = now["codes"]?.items.first { $0["code"] == "values/helpfulness" }?["pairs"]?.items.first?["kappa"]
        #expect(last["codes"]?.items.first { $0["code"] == "values/helpfulness" }?["kappa"] == nowKappa)
        // Every step agrees with `agreement --at` its newest event.
        for step in steps where step["note"] == .null {
            let at = try p.json("agreement", "--at", try #require(step["event"]?.stringValue))
            for code in step["codes"]?.items ?? [] {
                let then = at["codes"]?.items.first { $0["code"] == code["code"] }
                #expect(code["krippendorff_alpha"] == then?["krippendorff_alpha"])
                #expect(code["kappa"] == then?["pairs"]?.items.first?["kappa"])
            }
        }
        // The kappa moved: two disagreeing paragraphs, then both coded alike.
        let kappas = steps.compactMap { $0["codes"]?.items.first { $0["code"] == "values/helpfulness" }?["kappa"] }
        #expect(Set(kappas).count >= 2)
        // Durations cut at the multiples of the step; the table prints too.
        #expect(try p.json("agreement", "--trend", "--every", "1d")["steps"]?.count ?? 0 >= 1)
        #expect(p.must("agreement", "--trend", "--every", "6h").stdout.contains("values/helpfulness"))
    }

    /// A step carries the previous step's codings forward and applies what
    /// changed (new codings, withdrawals, a merge): each step must still be
    /// what `agreement --at` its newest event reads from scratch.
    @Test func stepsThroughWithdrawalsAndAMergeMatchAgreementAt() throws {
        let p = try Project.make()
        let first = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "1")
        try p.apply("values/helpfulness", "northwind", as: "bob", "--paragraph", "1")
        try p.apply("values/honesty", "northwind", as: "alice", "--paragraph", "2")
        try p.apply("values/honesty", "northwind", as: "bob", "--paragraph", "1")
        for who in ["alice", "bob"] { p.must("--as", who, "done", "northwind") }
        p.must("--as", "alice", "unapply", first)
        try p.apply("values/helpfulness", "northwind", as: "bob", "--paragraph", "2")
        p.must("--as", "lena", "code", "merge", "values/honesty", "values/helpfulness")
        try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "3")

        let steps = try p.json("agreement", "--trend", "--every", "1-events")["steps"]?.items ?? []
        var compared = 0
        for step in steps where step["note"] == .null {
            let at = try p.json("agreement", "--at", try #require(step["event"]?.stringValue))
            let codes = step["codes"]?.items ?? []
            #expect(codes.map { $0["code"] } == (at["codes"]?.items ?? []).map { $0["code"] })
            for code in codes {
                let then = at["codes"]?.items.first { $0["code"] == code["code"] }
                #expect(code["krippendorff_alpha"] == then?["krippendorff_alpha"], "\(step)")
                #expect(code["kappa"] == then?["pairs"]?.items.first?["kappa"], "\(step)")
            }
            compared += 1
        }
        #expect(compared >= 5)
        // After the merge its codings count under the code they became.
        let last = (steps.last?["codes"]?.items ?? []).compactMap { $0["code"]?.stringValue }
        #expect(last.contains("values/helpfulness") && !last.contains("values/honesty"))
    }

    @Test func badStepsAreRefused() throws {
        let p = try Project.make()
        try p.expectNothingWritten("trend") {
            expectError(p.accord("agreement", "--trend"), "bad_step")
            expectError(p.accord("agreement", "--trend", "--every", "fortnight"), "bad_step")
            expectError(p.accord("agreement", "--trend", "--every", "0-events"), "bad_step")
            expectError(p.accord("agreement", "--every", "1d"), "bad_step")
            expectError(p.accord("agreement", "--trend", "--every", "1d", "--at", "2026-01-01"), "bad_step")
        }
    }
}
