import Foundation
import Testing
@testable import Agreement

private func sampleInput(coders: [String] = ["alice", "bob"]) -> AgreementInput {
    let text = "Values matter. We describe data.\n\nSafety first. Privacy too.\n\nNothing here."
    let docs = [AgreementDocument(id: "doc-1", title: "Model card", text: text)]
    let codes = [
        AgreementCode(id: "code-help", path: "values/helpfulness"),
        AgreementCode(id: "code-safe", path: "values/safety"),
        AgreementCode(id: "code-yes", path: "stance/yes", group: "stance"),
        AgreementCode(id: "code-no", path: "stance/no", group: "stance"),
    ]
    var codings: [AgreementCoding] = []
    for coder in coders {
        codings.append(AgreementCoding(coder: coder, document: "doc-1", code: "code-help", start: 0, end: 14))
        codings.append(AgreementCoding(coder: coder, document: "doc-1", code: "code-yes", start: 0, end: 10))
    }
    codings.append(AgreementCoding(coder: coders[0], document: "doc-1", code: "code-safe", start: 34, end: 47))
    codings.append(AgreementCoding(coder: coders[0], document: "doc-1", code: "code-no", start: 34, end: 40))
    codings.append(AgreementCoding(coder: coders[1], document: "doc-1", code: "code-yes", start: 34, end: 40))
    return AgreementInput(documents: docs, coders: coders, codes: codes, codings: codings)
}

private func json(_ report: AgreementReport) throws -> [String: Any] {
    let data = try JSONEncoder().encode(report)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// The key names DESIGN §8 fixes for `agreement --json`; more keys may be added, none renamed.
@Test(arguments: ["document", "paragraph", "sentence", "character", "segment"])
func reportHasTheDesignKeys(_ scheme: String) throws {
    let unit: UnitScheme = ["document": .document, "paragraph": .paragraph, "sentence": .sentence, "character": .character][scheme]
        ?? .segment(overlapPercent: 90)
    let report = computeAgreement(sampleInput(), unit: unit)
    let top = try json(report)
    #expect(top["unit"] as? String == scheme)
    for key in ["unit", "coders", "documents", "units", "codes", "groups", "overall"] {
        #expect(top[key] != nil, "top-level \(key)")
    }
    #expect(top["coders"] as? [String] == ["alice", "bob"])
    #expect(top["documents"] as? Int == 1)
    let codes = try #require(top["codes"] as? [[String: Any]])
    #expect(codes.count == 4)
    for code in codes {
        for key in ["code", "id", "pairs", "fleiss_kappa", "krippendorff_alpha"] { #expect(code[key] != nil, "code \(key)") }
        let pairs = try #require(code["pairs"] as? [[String: Any]])
        #expect(pairs.count == 1)
        for key in [
            "coders", "n", "both", "only_first", "only_second", "neither", "percent_agreement", "kappa", "kappa_se",
            "kappa_ci95", "pabak", "note",
        ] {
            #expect(pairs[0][key] != nil, "pair \(key) (null must be present as null)")
        }
        #expect(pairs[0]["coders"] as? [String] == ["alice", "bob"])
        if let ci = pairs[0]["kappa_ci95"] as? [Double] { #expect(ci.count == 2) }
    }
    #expect(codes[0]["code"] as? String == "values/helpfulness")
    #expect(codes[0]["id"] as? String == "code-help")
    let groups = try #require(top["groups"] as? [[String: Any]])
    #expect(groups.count == 1)
    for key in ["group", "categories", "coders", "pairs", "fleiss_kappa", "krippendorff_alpha", "multi_coded_units"] {
        #expect(groups[0][key] != nil, "group \(key)")
    }
    #expect(groups[0]["group"] as? String == "stance")
    #expect(groups[0]["categories"] as? [String] == ["stance/yes", "stance/no"])
    if scheme != "segment" {
        let groupPairs = try #require(groups[0]["pairs"] as? [[String: Any]])
        for key in ["coders", "n", "kappa", "confusion"] { #expect(groupPairs[0][key] != nil, "group pair \(key)") }
        #expect(groupPairs[0]["confusion"] as? [[Int]] != nil)
    }
    let overall = try #require(top["overall"] as? [String: Any])
    for key in ["pooled_kappa", "mean_kappa", "percent_agreement", "krippendorff_alpha"] {
        #expect(overall[key] != nil, "overall \(key)")
    }
    // Round trip.
    let decoded = try JSONDecoder().decode(AgreementReport.self, from: JSONEncoder().encode(report))
    #expect(decoded == report)
}

@Test func nullsAreNullNotMissing() throws {
    let report = computeAgreement(
        AgreementInput(documents: [], coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")], codings: []), unit: .paragraph)
    let top = try json(report)
    let pair = try #require(((top["codes"] as? [[String: Any]])?.first?["pairs"] as? [[String: Any]])?.first)
    for key in ["percent_agreement", "kappa", "kappa_se", "kappa_ci95", "pabak"] {
        #expect(pair[key] is NSNull, "\(key) should be null")
    }
    #expect(pair["note"] as? String == Why.noUnits)
    let overall = try #require(top["overall"] as? [String: Any])
    #expect(overall["pooled_kappa"] is NSNull)
    #expect(overall["pooled_kappa_note"] is String)
}

@Test func readableTable() {
    let report = computeAgreement(sampleInput(coders: ["alice", "bob", "carol"]), unit: .sentence)
    let table = report.table()
    #expect(table.hasPrefix("Agreement by sentence · coders: alice, bob, carol · 1 document · 5 units"))
    for expected in [
        "values/helpfulness", "alice/bob", "alice/carol", "bob/carol", "kappa", "95% CI", "agree%", "Fleiss κ",
        "Exclusive groups", "Overall", "pooled kappa", "mean kappa",
    ] {
        #expect(table.contains(expected), "table shows \(expected)")
    }
    // A null kappa or interval shows as — with a numbered note: here first the interval of a
    // perfect agreement, later a kappa without variation.
    #expect(table.contains("—[1]"))
    #expect(table.contains("[1] perfect agreement"))
    #expect(table.contains("] no variation"))
    #expect(!table.contains("nan") && !table.contains("inf"))
    // Fixed width: the pair rows of the code block line up.
    let lines = table.split(separator: "\n").filter { $0.contains("alice/") || $0.contains("bob/carol") }
    #expect(Set(lines.filter { !$0.contains(":") }.map(\.count)).count == 1)
}

@Test func numberFormatting() {
    #expect(Format.number(0.12345, 3) == "0.123")
    #expect(Format.number(-0.0004, 3) == "0.000")
    #expect(Format.number(-0.5, 3) == "-0.500")
    #expect(Format.number(1, 1) == "1.0")
    #expect(Format.number(nil, 3) == "—")
    #expect(Format.percent(87.55) == "87.6%")
    #expect(Format.interval([0.4812, 0.9]) == "[0.481, 0.900]")
}
