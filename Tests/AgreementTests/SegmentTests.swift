import Testing
@testable import Agreement

@Test func segmentOverlapIsSharedOverCovered() {
    #expect(Segments.overlap(0..<10, 0..<9) == 0.9)
    #expect(Segments.overlap(0..<10, 1..<11) == 9.0 / 11.0)
    #expect(Segments.overlap(0..<100, 5..<95) == 0.9)
    #expect(Segments.overlap(0..<10, 10..<20) == 0)
    #expect(Segments.overlap(3..<7, 3..<7) == 1)
}

@Test func segmentThresholds() {
    #expect(Segments.matches(0..<10, 0..<9, overlapPercent: 90))
    #expect(!Segments.matches(0..<10, 0..<9, overlapPercent: 90.5))
    #expect(!Segments.matches(0..<10, 1..<11, overlapPercent: 90))
    #expect(Segments.matches(0..<10, 1..<11, overlapPercent: 80))
    #expect(Segments.matches(0..<100, 5..<95, overlapPercent: 90))
    #expect(!Segments.matches(0..<100, 5..<94, overlapPercent: 90))
    #expect(Segments.matches(0..<100, 99..<200, overlapPercent: 0))  // any overlap
    #expect(!Segments.matches(0..<100, 100..<200, overlapPercent: 0))  // touching is no overlap
    #expect(Segments.matches(0..<10, 0..<10, overlapPercent: 100))
    #expect(!Segments.matches(0..<10, 0..<9, overlapPercent: 100))
}

@Test func segmentMatchingIsOneToOne() {
    // At 40% both of B's touching halves reach the threshold against A's segment; only one
    // may be matched.
    let t = Segments.table(first: [0..<10], second: [0..<5, 5..<10], overlapPercent: 40)
    #expect(t == TwoByTwo(both: 1, onlyFirst: 0, onlySecond: 1, neither: 0))
    // The best overlap wins.
    let m = Segments.match(first: [0..<10], second: [0..<4, 4..<10], overlapPercent: 30)
    #expect(m.count == 1 && m[0].second == 1)
    // Overlapping segments of one coder are merged first.
    #expect(Segments.prepare([0..<5, 3..<10, 10..<12]) == [0..<10, 10..<12])
    let merged = Segments.table(first: [0..<5, 3..<10], second: [0..<10], overlapPercent: 90)
    #expect(merged == TwoByTwo(both: 1, onlyFirst: 0, onlySecond: 0, neither: 0))
}

@Test func segmentReport() {
    let text = String(repeating: "x", count: 200)
    let docs = [AgreementDocument(id: "d1", title: "1", text: text), AgreementDocument(id: "d2", title: "2", text: text)]
    let codes = [AgreementCode(id: "c1", path: "one"), AgreementCode(id: "c2", path: "two")]
    func coding(_ coder: String, _ doc: String, _ code: String, _ s: Int, _ e: Int) -> AgreementCoding {
        AgreementCoding(coder: coder, document: doc, code: code, start: s, end: e)
    }
    let codings = [
        coding("a", "d1", "c1", 0, 100), coding("b", "d1", "c1", 0, 95),  // 95%: match
        coding("a", "d1", "c1", 120, 140), coding("b", "d1", "c1", 125, 140),  // 75%: no match
        coding("a", "d2", "c1", 10, 20), coding("b", "d2", "c1", 10, 20),  // match (other document)
        coding("b", "d1", "c1", 10, 20),  // nested in a's [0,100) for b: merges with b's [0,95)
        coding("a", "d1", "c2", 0, 10),
    ]
    let report = computeAgreement(
        AgreementInput(documents: docs, coders: ["a", "b"], codes: codes, codings: codings), unit: .segment(overlapPercent: 90))
    #expect(report.unit == "segment")
    #expect(report.overlapPercent == 90)
    // Segment units: 2 matched pairs + 2 unmatched segments of code one, 1 of code two.
    #expect(report.units == 5)
    let one = report.codes[0]
    #expect(one.present == [3, 3])
    let pair = one.pairs[0]
    #expect(pair.table == TwoByTwo(both: 2, onlyFirst: 1, onlySecond: 1, neither: 0))
    expectClose(pair.percentAgreement, 50, "percent")
    // Brennan–Prediger with chance 1/K, K = 2 codes: (0.5 − 0.5) / 0.5 = 0.
    expectClose(pair.kappa, 0, "kappa")
    #expect(pair.kappaMethod == "brennan_prediger")
    #expect(pair.kappaSe == nil && pair.kappaCi95 == nil && pair.note != nil)
    #expect(one.fleissKappa == nil && one.fleissKappaNote != nil)
    #expect(one.krippendorffAlpha == nil && one.krippendorffAlphaNote != nil)
    #expect(one.unitizingAlpha != nil)
    let two = report.codes[1].pairs[0]
    #expect(two.table == TwoByTwo(both: 0, onlyFirst: 1, onlySecond: 0, neither: 0))
    expectClose(two.kappa, -1, "kappa two")
    // Overall: pooled (2 + 0) / (2 + 2 + 1) = 0.4 → BP (0.4 − 0.5) / 0.5 = −0.2.
    expectClose(report.overall.pooledKappa, -0.2, "pooled")
    expectClose(report.overall.percentAgreement, 40, "pooled percent")
    expectClose(report.overall.meanKappa, -0.5, "mean")
    #expect(report.overall.krippendorffAlpha == nil && report.overall.krippendorffAlphaNote != nil)
    // A stricter threshold loses the 95% match.
    let strict = computeAgreement(
        AgreementInput(documents: docs, coders: ["a", "b"], codes: codes, codings: codings), unit: .segment(overlapPercent: 96))
    #expect(strict.codes[0].pairs[0].table == TwoByTwo(both: 1, onlyFirst: 2, onlySecond: 2, neither: 0))
}

@Test func segmentKappaNeedsTwoCodes() {
    let docs = [AgreementDocument(id: "d", title: "d", text: "abcdefghij")]
    let codings = [
        AgreementCoding(coder: "a", document: "d", code: "c", start: 0, end: 5),
        AgreementCoding(coder: "b", document: "d", code: "c", start: 0, end: 5),
    ]
    let report = computeAgreement(
        AgreementInput(documents: docs, coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")], codings: codings),
        unit: .segment(overlapPercent: 90))
    let pair = report.codes[0].pairs[0]
    #expect(pair.percentAgreement == 100)
    #expect(pair.kappa == nil)
    #expect(pair.note?.contains("fewer than two codes") == true)
}
