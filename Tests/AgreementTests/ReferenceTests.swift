import Foundation
import Testing
@testable import Agreement

// Agreement against a reference rater (the consensus).

private let text = "One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive."  // [0,4) [6,10) [12,18) [20,25) [27,32)
private let codes = [AgreementCode(id: "x", path: "x"), AgreementCode(id: "y", path: "y")]

private func coding(_ coder: String, _ code: String, _ s: Int, _ e: Int) -> AgreementCoding {
    AgreementCoding(coder: coder, document: "d", code: code, start: s, end: e)
}

private func decision(_ s: Int, _ e: Int, _ codes: Set<String>, document: String = "d") -> ReferenceDecision {
    ReferenceDecision(document: document, start: s, end: e, codes: codes)
}

private let input = AgreementInput(
    documents: [AgreementDocument(id: "d", title: "D", text: text)], coders: ["alice", "bob"], codes: codes,
    codings: [
        coding("alice", "x", 0, 4), coding("bob", "x", 0, 4),  // p1
        coding("alice", "x", 6, 10),  // p2
        coding("bob", "y", 12, 18),  // p3
        coding("alice", "y", 20, 25), coding("bob", "y", 20, 25),  // p4 (undecided)
        coding("alice", "x", 27, 30),  // p5
    ],
    reference: AgreementReference(decisions: [
        decision(0, 4, ["x"]),  // p1: x
        decision(5, 11, ["x", "y"]),  // covers p2 entirely: x, y
        decision(12, 18, []),  // p3: no code applies
        decision(22, 24, ["y"]),  // inside p4 only: p4 stays undecided
        decision(27, 32, ["x"]),  // p5: x
        decision(0, 3, ["x"], document: "elsewhere"),  // unknown document: ignored
    ]))

@Test func paragraphsAgainstTheConsensus() throws {
    let report = computeAgreement(input, unit: .paragraph)
    #expect(report.reference == "consensus")
    #expect(report.coders == ["alice", "bob"])
    #expect(report.units == 4)  // p1, p2, p3, p5
    // Rated units p1 p2 p3 p5. x: consensus 1 1 0 1; alice 1 1 0 1; bob 1 0 0 0.
    let x = report.codes[0]
    #expect(x.pairs.map(\.coders) == [["alice", "consensus"], ["bob", "consensus"]])
    #expect(x.pairs[0].table == TwoByTwo(both: 3, onlyFirst: 0, onlySecond: 0, neither: 1))
    #expect(x.pairs[1].table == TwoByTwo(both: 1, onlyFirst: 0, onlySecond: 2, neither: 1))
    #expect(x.present == [3, 1] && x.referencePresent == 3)
    expectClose(x.pairs[0].kappa, 1, "alice x")
    // bob: po = 0.5, pe = 0.25·0.75 + 0.75·0.25 = 0.375 → κ = 0.2.
    expectClose(x.pairs[1].kappa, 0.2, "bob x")
    // y: consensus 0 1 0 0; alice 0 0 0 0; bob 0 0 1 0.
    let y = report.codes[1]
    #expect(y.pairs[0].table == TwoByTwo(both: 0, onlyFirst: 0, onlySecond: 1, neither: 3))
    #expect(y.pairs[1].table == TwoByTwo(both: 0, onlyFirst: 1, onlySecond: 1, neither: 2))
    // Fleiss and alpha count the consensus as a third rater on the rated units:
    // x per unit (present of 3): 3, 2, 0, 2.
    expectClose(x.fleissKappa, Fleiss.kappa(counts: [[3, 0], [2, 1], [0, 3], [2, 1]]).value, "Fleiss x")
    expectClose(
        x.krippendorffAlpha, Krippendorff.alphaNominal(units: [[1, 1, 1], [1, 0, 1], [0, 0, 0], [1, 0, 1]]).value, "alpha x")
    #expect(x.unitizingAlpha == nil && x.unitizingAlphaNote == UnitizingStatistic.notAgainstReference)
    // Overall pairs are coder–consensus too.
    #expect(report.overall.pairs.map(\.coders) == [["alice", "consensus"], ["bob", "consensus"]])
    #expect(report.notes.contains("1 of 5 unit(s) left out as undecided: no decision of `consensus` covers them"))
    #expect(report.notes.contains { $0.hasPrefix("1 decision(s) of `consensus` ignored") })
    #expect(report.table().contains("against consensus"))
    let decoded = try JSONDecoder().decode(AgreementReport.self, from: JSONEncoder().encode(report))
    #expect(decoded == report)
}

@Test func documentsAndCharactersAgainstTheConsensus() {
    // Document scheme: no decision covers the whole document, so nothing is rated.
    let documents = computeAgreement(input, unit: .document)
    #expect(documents.units == 0)
    #expect(documents.codes[0].pairs[0].n == 0 && documents.codes[0].pairs[0].kappa == nil)
    var whole = input
    whole.reference!.decisions.append(decision(0, 32, ["y"]))
    let rated = computeAgreement(whole, unit: .document)
    #expect(rated.units == 1)
    #expect(rated.codes[1].pairs[0].table == TwoByTwo(both: 1, onlyFirst: 0, onlySecond: 0, neither: 0))

    // Character scheme: every character a decision covers is rated.
    let characters = computeAgreement(input, unit: .character)
    // Decided: [0,4) [5,11) [12,18) [22,24) [27,32) = 4 + 6 + 6 + 2 + 5 = 23.
    #expect(characters.units == 23)
    // x: consensus [0,4) [5,11) [27,32) = 15; alice [0,4) [6,10) [27,30) = 11 → both 11.
    #expect(characters.codes[0].pairs[0].table == TwoByTwo(both: 11, onlyFirst: 0, onlySecond: 4, neither: 8))
    #expect(characters.codes[0].referencePresent == 15)
    #expect(characters.notes.contains("9 of 32 unit(s) left out as undecided: no decision of `consensus` covers them"))
}

@Test func segmentsAgainstTheConsensus() {
    let docs = [AgreementDocument(id: "d", title: "D", text: String(repeating: "a", count: 300))]
    let input = AgreementInput(
        documents: docs, coders: ["alice", "bob"], codes: codes,
        codings: [
            coding("alice", "x", 0, 100), coding("bob", "x", 0, 80),
            coding("alice", "x", 200, 220),  // undecided: no decision covers it
        ],
        reference: AgreementReference(decisions: [decision(0, 100, ["x"]), decision(150, 160, ["x"])]))
    let report = computeAgreement(input, unit: .segment(overlapPercent: 90))
    let x = report.codes[0]
    #expect(x.pairs.map(\.coders) == [["alice", "consensus"], ["bob", "consensus"]])
    #expect(x.pairs[0].table == TwoByTwo(both: 1, onlyFirst: 0, onlySecond: 1, neither: 0))
    #expect(x.pairs[1].table == TwoByTwo(both: 0, onlyFirst: 1, onlySecond: 2, neither: 0))
    #expect(x.present == [1, 1] && x.referencePresent == 2)
    #expect(report.notes.contains("1 of 3 coder segment(s) left out as undecided: no decision of `consensus` covers them"))
}

@Test func exclusiveGroupAgainstTheConsensus() {
    let group = [AgreementCode(id: "p", path: "g/p", group: "g"), AgreementCode(id: "q", path: "g/q", group: "g")]
    let input = AgreementInput(
        documents: [AgreementDocument(id: "d", title: "D", text: text)], coders: ["alice", "bob"], codes: group,
        codings: [
            coding("alice", "p", 0, 4), coding("bob", "q", 0, 4),
            coding("alice", "q", 6, 10), coding("bob", "q", 6, 10),
            coding("alice", "p", 12, 18), coding("alice", "q", 12, 18),  // alice multi-codes p3
        ],
        reference: AgreementReference(decisions: [decision(0, 4, ["p"]), decision(6, 10, ["q"]), decision(12, 18, ["p"])]))
    let report = computeAgreement(input, unit: .paragraph)
    let g = report.groups[0]
    #expect(g.pairs.map(\.coders) == [["alice", "consensus"], ["bob", "consensus"]])
    #expect(g.multiCodedUnits == 1)
    #expect(g.multiCoded == [MultiCodedUnit(document: "d", start: 12, end: 18, coders: ["alice"])])
    #expect(g.pairs[0].confusion == [[1, 0], [0, 1]])
    #expect(g.pairs[1].confusion == [[0, 0], [1, 1]])
}

private struct ReferenceFile: Decodable {
    struct Case: Decodable {
        var name: String
        var documents: [Document]
        var coders: [String]
        var codes: [Code]
        var codings: [Coding]
        var reference: Reference
        var expected: [String: Expected]
    }
    struct Document: Decodable { var id, title, text: String }
    struct Code: Decodable {
        var id, path: String
        var group: String?
    }
    struct Coding: Decodable {
        var coder, document, code: String
        var start, end: Int
    }
    struct Reference: Decodable {
        var name: String
        var decisions: [Decision]
    }
    struct Decision: Decodable {
        var document: String
        var start, end: Int
        var codes: [String]
    }
    struct Expected: Decodable {
        var units: Int
        var undecided: Int
        var ignored_decisions: Int
        var codes: [CodeResult]
        var overall: Overall
        var groups: [Group]
    }
    struct CodeResult: Decodable {
        var id: String
        var pairs: [Pair]
        var fleiss_kappa: Double?
        var krippendorff_alpha: Double?
        var present: [Int]
        var reference_present: Int
    }
    struct Pair: Decodable {
        var both, only_first, only_second, neither: Int
        var kappa: Double?
        var kappa_se: Double?
    }
    struct Overall: Decodable {
        var pooled_kappa: Double?
        var mean_kappa: Double?
        var krippendorff_alpha: Double?
    }
    struct Group: Decodable {
        var pairs: [GroupPair]
        var fleiss_kappa: Double?
        var krippendorff_alpha: Double?
        var multi_coded_units: Int
    }
    struct GroupPair: Decodable {
        var n: Int
        var kappa: Double?
        var confusion: [[Int]]
    }
    var cases: [Case]
}

/// Against scikit-learn, statsmodels and krippendorff with the consensus as one more rater.
@Test func referenceReportsMatchPeerLibraries() throws {
    let file = try Fixtures.load(ReferenceFile.self, "reference.json")
    #expect(file.cases.count == 2)
    let schemes: [String: UnitScheme] = ["document": .document, "paragraph": .paragraph, "character": .character]
    for c in file.cases {
        let data = AgreementInput(
            documents: c.documents.map { AgreementDocument(id: $0.id, title: $0.title, text: $0.text) }, coders: c.coders,
            codes: c.codes.map { AgreementCode(id: $0.id, path: $0.path, group: $0.group) },
            codings: c.codings.map { AgreementCoding(coder: $0.coder, document: $0.document, code: $0.code, start: $0.start, end: $0.end) },
            reference: AgreementReference(
                name: c.reference.name,
                decisions: c.reference.decisions.map { ReferenceDecision(document: $0.document, start: $0.start, end: $0.end, codes: Set($0.codes)) }))
        for (name, expected) in c.expected {
            let label = "\(c.name) \(name)"
            let report = computeAgreement(data, unit: schemes[name]!)
            #expect(report.units == expected.units, "\(label) units")
            #expect(report.notes.contains { $0.hasPrefix("\(expected.undecided) of ") }, "\(label) undecided")
            #expect(report.notes.contains { $0.hasPrefix("\(expected.ignored_decisions) decision(s)") }, "\(label) ignored decisions")
            for (code, want) in zip(report.codes, expected.codes) {
                #expect(code.id == want.id)
                #expect(code.present == want.present, "\(label) \(code.code) present")
                #expect(code.referencePresent == want.reference_present, "\(label) \(code.code) reference present")
                for (pair, wantPair) in zip(code.pairs, want.pairs) {
                    let l = "\(label) \(code.code) \(pair.coders)"
                    let got: [Int] = [pair.both, pair.onlyFirst, pair.onlySecond, pair.neither]
                    let want: [Int] = [wantPair.both, wantPair.only_first, wantPair.only_second, wantPair.neither]
                    #expect(got == want, "\(l) table")
                    expectClose(pair.kappa, wantPair.kappa, "\(l) kappa (sklearn)")
                    expectClose(pair.kappaSe, wantPair.kappa_se, "\(l) SE")
                }
                expectClose(code.fleissKappa, want.fleiss_kappa, "\(label) \(code.code) Fleiss (statsmodels)")
                expectClose(code.krippendorffAlpha, want.krippendorff_alpha, "\(label) \(code.code) alpha (krippendorff)")
            }
            expectClose(report.overall.pooledKappa, expected.overall.pooled_kappa, "\(label) pooled kappa")
            expectClose(report.overall.meanKappa, expected.overall.mean_kappa, "\(label) mean kappa")
            expectClose(report.overall.krippendorffAlpha, expected.overall.krippendorff_alpha, "\(label) overall alpha")
            for (group, want) in zip(report.groups, expected.groups) {
                #expect(group.multiCodedUnits == want.multi_coded_units, "\(label) multi-coded")
                expectClose(group.fleissKappa, want.fleiss_kappa, "\(label) group Fleiss")
                expectClose(group.krippendorffAlpha, want.krippendorff_alpha, "\(label) group alpha")
                for (pair, wantPair) in zip(group.pairs, want.pairs) {
                    #expect(pair.n == wantPair.n && pair.confusion == wantPair.confusion, "\(label) group pair")
                    expectClose(pair.kappa, wantPair.kappa, "\(label) group kappa")
                }
            }
        }
    }
}
