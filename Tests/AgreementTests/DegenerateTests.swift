import Foundation
import Testing
@testable import Agreement

// Degenerate data must give null with a note — never NaN, infinity or a crash.

private let allSchemes: [UnitScheme] = [.document, .paragraph, .sentence, .character, .segment(overlapPercent: 90)]

/// Encodes the report and fails on NaN/infinity (JSONEncoder throws on them).
private func encodes(_ report: AgreementReport) -> [String: Any]? {
    do {
        let data = try JSONEncoder().encode(report)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    } catch {
        Issue.record("encoding failed: \(error)")
        return nil
    }
}

@Test func noCodingsAtAll() {
    let docs = [AgreementDocument(id: "d", title: "d", text: "One. Two.\n\nThree.")]
    let input = AgreementInput(documents: docs, coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")], codings: [])
    for scheme in allSchemes {
        let report = computeAgreement(input, unit: scheme)
        let pair = report.codes[0].pairs[0]
        if case .segment = scheme {
            #expect(pair.n == 0 && pair.percentAgreement == nil)
        } else {
            #expect(pair.neither == report.units && pair.percentAgreement == 100)
            #expect(report.codes[0].fleissKappa == nil && report.codes[0].fleissKappaNote != nil)
            #expect(report.codes[0].krippendorffAlpha == nil && report.codes[0].krippendorffAlphaNote != nil)
        }
        #expect(pair.kappa == nil && pair.kappaSe == nil && pair.kappaCi95 == nil)
        #expect(pair.note != nil, "\(scheme): a null kappa needs a note")
        #expect(report.codes[0].unitizingAlpha == nil && report.codes[0].unitizingAlphaNote != nil)
        #expect(report.overall.pooledKappa == nil && report.overall.pooledKappaNote != nil)
        #expect(report.overall.meanKappa == nil && report.overall.meanKappaNote != nil)
        #expect(report.overall.krippendorffAlpha == nil && report.overall.krippendorffAlphaNote != nil)
        let json = encodes(report)
        let code = (json?["codes"] as? [[String: Any]])?.first
        let p = (code?["pairs"] as? [[String: Any]])?.first
        #expect(p?["kappa"] is NSNull, "null, not missing")
        #expect(p?["note"] is String)
    }
}

@Test func codePresentEverywhereHasNoVariation() {
    let docs = [AgreementDocument(id: "d", title: "d", text: "One.\n\nTwo.")]
    let codings = ["a", "b"].map { AgreementCoding(coder: $0, document: "d", code: "c", start: 0, end: 10) }
    let report = computeAgreement(
        AgreementInput(documents: docs, coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")], codings: codings),
        unit: .paragraph)
    let pair = report.codes[0].pairs[0]
    #expect(pair.both == 2 && pair.percentAgreement == 100)
    #expect(pair.kappa == nil && pair.note?.contains("no variation") == true)
    #expect(pair.pabak == 1 && pair.brennanPrediger == 1 && pair.gwetAc1 == 1)
    #expect(report.codes[0].fleissKappa == nil && report.codes[0].fleissKappaNote?.contains("no variation") == true)
    #expect(report.codes[0].krippendorffAlpha == nil)
    _ = encodes(report)
}

@Test func noDocumentsNoCodesOneCoder() {
    let empty = computeAgreement(AgreementInput(documents: [], coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")], codings: []), unit: .character)
    #expect(empty.units == 0 && empty.documents == 0)
    let pair = empty.codes[0].pairs[0]
    #expect(pair.n == 0 && pair.percentAgreement == nil && pair.pabak == nil && pair.note == Why.noUnits)
    #expect(empty.codes[0].fleissKappa == nil && empty.codes[0].fleissKappaNote != nil)
    #expect(empty.overall.percentAgreement == nil)
    _ = encodes(empty)

    let docs = [AgreementDocument(id: "d", title: "d", text: "Text.")]
    let noCodes = computeAgreement(AgreementInput(documents: docs, coders: ["a", "b"], codes: [], codings: []), unit: .document)
    #expect(noCodes.codes.isEmpty && noCodes.overall.pooledKappaNote == "there are no codes")
    #expect(noCodes.overall.pairs.count == 1)
    _ = encodes(noCodes)

    let codings = [AgreementCoding(coder: "a", document: "d", code: "c", start: 0, end: 2)]
    let solo = computeAgreement(
        AgreementInput(documents: docs, coders: ["a"], codes: [AgreementCode(id: "c", path: "c", group: "g")], codings: codings),
        unit: .character)
    #expect(solo.codes[0].pairs.isEmpty)
    #expect(solo.codes[0].fleissKappaNote == Why.fewerThanTwoCoders)
    #expect(solo.codes[0].unitizingAlphaNote == Why.fewerThanTwoCoders)
    #expect(solo.overall.pooledKappaNote == Why.fewerThanTwoCoders)
    #expect(solo.groups[0].fleissKappaNote == Why.fewerThanTwoCoders)
    _ = encodes(solo)
    #expect(solo.table().contains("fewer than two coders"))
}

@Test func emptyDocumentsAndOutOfRangeCodings() {
    let docs = [
        AgreementDocument(id: "e", title: "empty", text: ""), AgreementDocument(id: "d", title: "d", text: "abcdef"),
    ]
    let codings = [
        AgreementCoding(coder: "a", document: "d", code: "c", start: -5, end: 3),  // clipped to [0,3)
        AgreementCoding(coder: "b", document: "d", code: "c", start: 2, end: 99),  // clipped to [2,6)
        AgreementCoding(coder: "b", document: "e", code: "c", start: 0, end: 4),  // empty after clipping
        AgreementCoding(coder: "a", document: "d", code: "c", start: 4, end: 4),  // empty
        AgreementCoding(coder: "z", document: "d", code: "c", start: 0, end: 1),  // unknown coder
    ]
    let input = AgreementInput(documents: docs, coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")], codings: codings)
    let report = computeAgreement(input, unit: .character)
    #expect(report.units == 6)
    #expect(report.codes[0].pairs[0].table == TwoByTwo(both: 1, onlyFirst: 2, onlySecond: 3, neither: 0))
    #expect(report.notes.contains { $0.hasPrefix("3 coding(s) ignored") })
    let documents = computeAgreement(input, unit: .document)
    #expect(documents.units == 2)
    #expect(documents.codes[0].pairs[0].table == TwoByTwo(both: 1, onlyFirst: 0, onlySecond: 0, neither: 1))
    for scheme in allSchemes { _ = encodes(computeAgreement(input, unit: scheme)) }
}

@Test func statisticsOnDegenerateInputs() {
    #expect(Cohen.kappa(table: []).value == nil)
    #expect(Cohen.kappa(table: [[0, 0], [0, 0]]).note == Why.noUnits)
    #expect(Cohen.kappa(table: [[1, 2]]).note == "the table is not square")
    #expect(Cohen.kappa(table: [[5]]).note == Why.noVariation)
    #expect(Fleiss.kappa(counts: []).value == nil)
    #expect(Fleiss.kappa(counts: [[2, 0], [1, 2]]).note == Why.unequalRaters)
    #expect(Fleiss.kappa(counts: [[3, 0], [3, 0]]).note == Why.fleissNoVariation)
    #expect(Fleiss.kappa(ratings: [[0], [1]], categories: 2).note == Why.fewerThanTwoCoders)
    #expect(Fleiss.kappa(ratings: [[0, nil], [nil, 1]], categories: 2).note == Why.noCompleteUnits)
    #expect(Krippendorff.alphaNominal(units: []).value == nil)
    #expect(Krippendorff.alphaNominal(units: [[1], [2, nil]]).note == Why.noPairableUnits)
    #expect(Krippendorff.alphaNominal(units: [[1, 1], [1, 1, 1]]).note == Why.alphaNoVariation)
    #expect(Gwet.ac1(table: [[4]]).note == Why.oneCategory)
    #expect(Gwet.ac1(units: [[0], [1]], categories: 2).note == Why.noPairableUnits)
    #expect(BrennanPrediger.kappa(observedAgreement: 1, categories: 1).value == nil)
    #expect(UnitizingAlpha.alpha(units: [[], []], continuumLength: 10).value == nil)
    #expect(UnitizingAlpha.alpha(units: [[0..<3]], continuumLength: 10).note == Why.fewerThanTwoCoders)
    #expect(UnitizingAlpha.alpha(units: [[0..<3], []], continuumLength: 0).value == nil)
    // Identical unitizations agree perfectly.
    #expect(UnitizingAlpha.alpha(units: [[2..<5, 7..<9], [2..<5, 7..<9]], continuumLength: 12).value == 1)
    #expect(Estimate(.nan).value == nil && Estimate(.infinity).note != nil)
}
