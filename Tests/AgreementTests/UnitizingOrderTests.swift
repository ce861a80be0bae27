import Foundation
import Testing
@testable import Agreement

// Unitizing alpha over several documents: gaps end at document boundaries, so the order of
// the documents (and of the codings) cannot change it; checked against an independent
// implementation (scripts/agreement_fixtures.py, exact fractions) and Krippendorff (2004).

private struct UnitizingFile: Decodable {
    struct Case: Decodable {
        var name: String
        var lengths: [Int]
        var units: [[[[Int]]]]  // [coder][document][unit] = [begin, end]
        var expected: Expected
    }
    struct Expected: Decodable {
        var alpha: Double?
        var observed: Double
        var expected: Double
    }
    var cases: [Case]
}

@Test func unitizingAlphaMatchesTheIndependentImplementation() throws {
    let file = try Fixtures.load(UnitizingFile.self, "unitizing.json")
    #expect(file.cases.count >= 5)
    for c in file.cases {
        let units = c.units.map { $0.map { $0.map { $0[0]..<$0[1] } } }
        expectClose(UnitizingAlpha.alpha(units: units, lengths: c.lengths).value, c.expected.alpha, tolerance: 1e-12, "\(c.name) alpha")
        expectClose(UnitizingAlpha.observedDisagreement(units: units, lengths: c.lengths), c.expected.observed, tolerance: 1e-15, "\(c.name) D_o")
        expectClose(UnitizingAlpha.expectedDisagreement(units: units, lengths: c.lengths), c.expected.expected, tolerance: 1e-15, "\(c.name) D_e")
        // Documents reversed: bit for bit the same.
        let reversed = UnitizingAlpha.alpha(units: units.map { $0.reversed() }, lengths: c.lengths.reversed())
        #expect(reversed == UnitizingAlpha.alpha(units: units, lengths: c.lengths), "\(c.name) reversed")
    }
}

/// Krippendorff, K. (2004). *Content Analysis*, 2nd ed., p. 254: two observers, categories c
/// and k on the continuum [150, 450) (shifted to [0, 300) here); the values DKPro Statistics'
/// `Krippendorff2004Test` checks: D_o(c) 0.0144, D_e(c) 0.0532, α(c) 0.7286, α(k) 1.
@Test func krippendorff2004UnitizingExample() {
    let c: [[Range<Int>]] = [[75..<145, 220..<250], [70..<150, 205..<225, 250..<270]]
    let k: [[Range<Int>]] = [[30..<90, 150..<200], [30..<90, 150..<200]]
    expectClose(UnitizingAlpha.observedDisagreement(units: c, continuumLength: 300), 0.0144, tolerance: 1e-4, "D_o(c)")
    expectClose(UnitizingAlpha.expectedDisagreement(units: c, continuumLength: 300), 0.0532, tolerance: 1e-4, "D_e(c)")
    expectClose(UnitizingAlpha.alpha(units: c, continuumLength: 300).value, 0.7286, tolerance: 1e-4, "alpha(c)")
    expectClose(UnitizingAlpha.expectedDisagreement(units: k, continuumLength: 300), 0.0490, tolerance: 1e-4, "D_e(k)")
    #expect(UnitizingAlpha.alpha(units: k, continuumLength: 300).value == 1)
}

/// A gap never runs into the next document: one document's trailing gap and the next one's
/// leading gap are two gaps, which changes where units can be placed by chance (D_e).
@Test func gapsEndAtDocumentBoundaries() {
    // Two documents of length 10. Coder a marks [2,5) in the first and [5,8) in the second;
    // coder b marks nothing.
    let units: [[[Range<Int>]]] = [[[2..<5], [5..<8]], [[], []]]
    // By hand: N_c = 2 units of length 3; per unit (N_c − 1)(2·27 − 3·9 + 3)/3 = 10.
    // Gaps: a: 2, 5 | 5, 2; b: 10 | 10. Σ_{g ≥ 3} (g − 2) = 3 + 3 + 8 + 8 = 22, times 3² = 198.
    // D_e = (2/20) · 2 · (10 + 198) / (2·20·39 − 2·3·2) = 41.6 / 1548.
    expectClose(UnitizingAlpha.expectedDisagreement(units: units, lengths: [10, 10]), 41.6 / 1548, tolerance: 1e-15, "D_e")
    // Laid end to end the middle gaps would merge into one gap of 10 (Σ = 8 + 18 = 26): not
    // what accord computes, and different in the other order.
    let concatenated = UnitizingAlpha.expectedDisagreement(units: [[2..<5, 15..<18], []], continuumLength: 20)
    expectClose(concatenated, (2 * (10 + 9 * 26.0)) * 0.1 / 1548, tolerance: 1e-15, "D_e end to end")
    // D_o is the same either way: a's units lie wholly inside b's gaps.
    expectClose(
        UnitizingAlpha.observedDisagreement(units: units, lengths: [10, 10]),
        UnitizingAlpha.observedDisagreement(units: [[2..<5, 15..<18], []], continuumLength: 20), tolerance: 0, "D_o")
}

private func shuffled<T>(_ array: [T], seed: UInt64) -> [T] {
    var g = SeededGenerator(seed: seed)
    return array.shuffled(using: &g)
}

/// The report's unitizing alpha does not depend on the order of documents or codings
/// (it moved from 0.516 to 0.481 when documents were added in reverse order before).
@Test(arguments: [UnitScheme.paragraph, .character, .segment(overlapPercent: 90)])
func unitizingAlphaIgnoresDocumentOrder(_ scheme: UnitScheme) {
    var g = SeededGenerator(seed: 77)
    let docs = (0..<7).map { d in
        AgreementDocument(
            id: "d\(d)", title: "D\(d)",
            text: (0..<Int.random(in: 1...5, using: &g)).map { _ in String(repeating: "word ", count: Int.random(in: 2...30, using: &g)) + "end." }
                .joined(separator: "\n\n"))
    }
    let coders = ["a", "b", "c"]
    let codes = (0..<4).map { AgreementCode(id: "k\($0)", path: "k\($0)") }
    var codings: [AgreementCoding] = []
    for doc in docs {
        let length = doc.text.unicodeScalars.count
        for _ in 0..<Int.random(in: 0...8, using: &g) {
            let s = Int.random(in: 0..<length, using: &g)
            let e = min(length, s + Int.random(in: 1...80, using: &g))
            for coder in coders where Int.random(in: 0..<4, using: &g) > 0 {
                codings.append(
                    AgreementCoding(
                        coder: coder, document: doc.id, code: codes[Int.random(in: 0..<codes.count, using: &g)].id,
                        start: max(0, s + Int.random(in: -5...5, using: &g)), end: e))
            }
        }
    }
    let input = AgreementInput(documents: docs, coders: coders, codes: codes, codings: codings)
    let base = computeAgreement(input, unit: scheme).codes.map(\.unitizingAlpha)
    #expect(base.contains { $0 != nil })
    var reversed = input
    reversed.documents.reverse()
    reversed.codings.reverse()
    #expect(computeAgreement(reversed, unit: scheme).codes.map(\.unitizingAlpha) == base)
    for seed in 1...5 as ClosedRange<UInt64> {
        var mixed = input
        mixed.documents = shuffled(input.documents, seed: seed)
        mixed.codings = shuffled(input.codings, seed: seed &+ 100)
        #expect(computeAgreement(mixed, unit: scheme).codes.map(\.unitizingAlpha) == base, "seed \(seed)")
    }
    // And it is the independent formula on the same spans.
    for (c, code) in codes.enumerated() {
        let units = coders.map { coder in
            docs.map { doc in codings.filter { $0.coder == coder && $0.document == doc.id && $0.code == code.id && $0.start < $0.end }
                .map { $0.start..<$0.end } }
        }
        let lengths = docs.map { $0.text.unicodeScalars.count }
        #expect(UnitizingAlpha.alpha(units: units, lengths: lengths).value == base[c])
    }
}
