import Foundation
import Store
import Testing

/// `accord agreement` end to end: units, done markers, both output forms,
/// exclusive groups, time travel and refusals.
@Suite struct AgreementCommandTests {
    /// Alice and Bob code northwind's three paragraphs; both finish it, only
    /// Alice finishes lumen.
    func coded() throws -> Project {
        let p = try Project.make()
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "1")
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "2")
        _ = try p.apply("values/honesty", "northwind", as: "alice", "--paragraph", "1")
        _ = try p.apply("values/helpfulness", "northwind", as: "bob", "--paragraph", "1")
        _ = try p.apply("values/honesty", "northwind", as: "bob", "--paragraph", "3")
        _ = try p.apply("values/honesty", "lumen", as: "alice", "--quote", "never deceive")
        p.must("--as", "alice", "done", "northwind")
        p.must("--as", "bob", "done", "northwind")
        p.must("--as", "alice", "done", "lumen")
        return p
    }

    func code(_ report: JSONValue, _ path: String) -> JSONValue? {
        report["codes"]?.arrayValue?.first { $0["code"]?.stringValue == path }
    }

    func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .double(let d)?: return d
        case .int(let i)?: return Double(i)
        default: return nil
        }
    }

    @Test func paragraphAgreementOnFinishedDocuments() throws {
        let p = try coded()
        let report = try p.json("agreement", "--json")
        #expect(report["unit"] == "paragraph")
        #expect(report["coders"] == ["alice", "bob"])
        #expect(report["documents"] == 1)
        #expect(report["units"] == 3)
        let left = report["left_out"]?.arrayValue ?? []
        #expect(left.contains { $0["title"] == "lumen" && ($0["reason"]?.stringValue ?? "").contains("bob") })
        // helpfulness: both on ¶1, alice only on ¶2, neither on ¶3.
        let pair = try #require(code(report, "values/helpfulness")?["pairs"]?.arrayValue?.first)
        #expect(pair["both"] == 1 && pair["only_first"] == 1 && pair["only_second"] == 0 && pair["neither"] == 1)
        // po = 2/3, pe = 2/3·1/3 + 1/3·2/3 = 4/9 → κ = 0.4 (Cohen 1960).
        #expect(abs((number(pair["kappa"]) ?? 0) - 0.4) < 1e-9)
        #expect(abs((number(pair["percent_agreement"]) ?? 0) - 200.0 / 3) < 1e-9)
        #expect(pair["kappa_ci95"]?.arrayValue?.count == 2)
        // honesty: alice ¶1, bob ¶3 — no agreement on presence.
        let honesty = try #require(code(report, "values/honesty")?["pairs"]?.arrayValue?.first)
        #expect(honesty["both"] == 0 && honesty["only_first"] == 1 && honesty["only_second"] == 1)
        #expect(report["overall"]?["pooled_kappa"] != nil)
    }

    @Test func includeUnfinishedCountsEveryDocument() throws {
        let p = try coded()
        let report = try p.json("agreement", "--json", "--include-unfinished")
        #expect(report["documents"] == 3)
        #expect(report["left_out"]?.arrayValue?.isEmpty == true)
    }

    @Test func unitsAndTheReadableTable() throws {
        let p = try coded()
        for unit in ["document", "paragraph", "sentence", "character", "segment"] {
            let report = try p.json("agreement", "--json", "--unit", unit)
            #expect(report["unit"]?.stringValue == unit, "\(unit)")
        }
        let table = p.must("agreement").stdout
        #expect(table.contains("values/helpfulness"))
        #expect(table.contains("kappa"))
        #expect(table.contains("Left out"))
        #expect(p.must("agreement", "--unit", "character", "--coders", "alice,bob", "--codes", "values/honesty").stdout.contains("values/honesty"))
    }

    @Test func exclusiveGroupsGiveAConfusionMatrix() throws {
        let p = try coded()
        p.must("--as", "lena", "code", "add", "stance", "--exclusive")
        p.must("--as", "lena", "code", "add", "pro", "--parent", "stance")
        p.must("--as", "lena", "code", "add", "con", "--parent", "stance")
        _ = try p.apply("stance/pro", "northwind", as: "alice", "--paragraph", "1")
        _ = try p.apply("stance/con", "northwind", as: "alice", "--paragraph", "1")
        _ = try p.apply("stance/pro", "northwind", as: "alice", "--paragraph", "2")
        _ = try p.apply("stance/pro", "northwind", as: "bob", "--paragraph", "2")
        _ = try p.apply("stance/con", "northwind", as: "bob", "--paragraph", "3")
        let report = try p.json("agreement", "--json", "--group", "stance")
        let group = try #require(report["groups"]?.arrayValue?.first)
        #expect(group["group"] == "stance")
        #expect(group["multi_coded_units"] == 1, "alice applied both categories to ¶1")
        #expect(group["pairs"]?.arrayValue?.first?["confusion"] != nil)
    }

    @Test func agreementAtAnEarlierMoment() throws {
        let p = try coded()
        let before = try p.json("agreement", "--json")
        let at = try #require(try p.events().last?["time"]?.intValue)
        _ = try p.apply("values/honesty", "northwind", as: "bob", "--paragraph", "1")
        let now = try p.json("agreement", "--json")
        let then = try p.json("agreement", "--json", "--at", ISOTime.format(at))
        #expect(then == before)
        #expect(now != before)
    }

    @Test func refusals() throws {
        let p = try coded()
        try p.expectNothingWritten {
            expectError(p.accord("agreement", "--unit", "word"), "bad_unit")
            expectError(p.accord("agreement", "--coders", "alice,zed"), "unknown_member")
            expectError(p.accord("agreement", "--group", "values"), "not_exclusive")
            expectError(p.accord("agreement", "--codes", "nope"), "unknown_code")
            expectError(p.accord("agreement", "--coders", "alice"), "too_few_coders")
            expectError(p.accord("agreement", "--at", "yesterday"), "bad_moment")
        }
    }
}
