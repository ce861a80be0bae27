import Foundation
import Testing
@testable import Agreement

// A degenerate kappa interval is null with a note, and the segment header counts the units
// the pairs count.

private func paragraphs(_ count: Int) -> AgreementDocument {
    AgreementDocument(id: "d", title: "d", text: (1...count).map { "p\($0)" }.joined(separator: "\n\n"))
}

/// Paragraph i of `paragraphs(_:)` (each "pN" is 2–3 scalars, separated by two newlines).
private func paragraphSpan(_ doc: AgreementDocument, _ i: Int) -> Range<Int> {
    Paragraphs.ranges(in: doc.text)[i]
}

@Test func intervalIsNullWhenOneCoderNeverAppliedTheCode() throws {
    let doc = paragraphs(6)
    let codings = (0..<3).map { i -> AgreementCoding in
        let span = paragraphSpan(doc, i)
        return AgreementCoding(coder: "alice", document: "d", code: "c", start: span.lowerBound, end: span.upperBound)
    }
    let report = computeAgreement(
        AgreementInput(documents: [doc], coders: ["alice", "bob"], codes: [AgreementCode(id: "c", path: "c")], codings: codings),
        unit: .paragraph)
    let pair = report.codes[0].pairs[0]
    #expect(pair.table == TwoByTwo(both: 0, onlyFirst: 3, onlySecond: 0, neither: 3))
    #expect(pair.kappa == 0)
    #expect(pair.kappaSe == 0)  // the exact asymptotic value, as SAS reports it
    #expect(pair.kappaCi95 == nil, "not the [0, 0] that reads as certainty")
    let note = try #require(pair.note)
    #expect(note.contains("bob never rated this code present") && note.contains("no confidence interval"))
    // The JSON has the null and the note; the table marks the empty interval.
    let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
    let p = try #require(((json["codes"] as? [[String: Any]])?.first?["pairs"] as? [[String: Any]])?.first)
    #expect(p["kappa_ci95"] is NSNull)
    #expect(p["note"] as? String == note)
    let table = report.table()
    #expect(table.contains("—[1]"))
    #expect(table.contains("[1] bob never rated this code present"))
    // The statistic itself keeps the textbook value (SAS prints the same interval).
    #expect(Cohen.analyze(pair.table).ci95 == [0, 0])
}

@Test func intervalIsNullWhenACoderAppliedTheCodeEverywhere() throws {
    let doc = paragraphs(4)
    var codings = [AgreementCoding(coder: "a", document: "d", code: "c", start: 0, end: doc.text.unicodeScalars.count)]
    let span = paragraphSpan(doc, 1)
    codings.append(AgreementCoding(coder: "b", document: "d", code: "c", start: span.lowerBound, end: span.upperBound))
    let report = computeAgreement(
        AgreementInput(documents: [doc], coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")], codings: codings),
        unit: .paragraph)
    let pair = report.codes[0].pairs[0]
    #expect(pair.kappa == 0 && pair.kappaCi95 == nil)
    #expect(pair.note?.contains("a rated this code present on every unit") == true)
}

@Test func intervalIsNullAtPerfectAgreement() throws {
    let doc = paragraphs(5)
    let codings = ["a", "b"].flatMap { coder in
        [0, 3].map { i -> AgreementCoding in
            let span = paragraphSpan(doc, i)
            return AgreementCoding(coder: coder, document: "d", code: "c", start: span.lowerBound, end: span.upperBound)
        }
    }
    let report = computeAgreement(
        AgreementInput(documents: [doc], coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")], codings: codings),
        unit: .paragraph)
    let pair = report.codes[0].pairs[0]
    #expect(pair.kappa == 1 && pair.kappaSe == 0)
    #expect(pair.kappaCi95 == nil)
    #expect(pair.note?.hasPrefix("perfect agreement") == true)
    // A non-degenerate pair keeps its interval and has no note.
    var other = codings
    other.append(AgreementCoding(coder: "a", document: "d", code: "c", start: paragraphSpan(doc, 1).lowerBound, end: paragraphSpan(doc, 1).upperBound))
    let ok = computeAgreement(
        AgreementInput(documents: [doc], coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")], codings: other),
        unit: .paragraph).codes[0].pairs[0]
    #expect(ok.kappaCi95?.count == 2 && ok.note == nil)
}

@Test func groupIntervalIsNullWhenACoderUsedOneCategory() {
    let doc = paragraphs(4)
    let codes = [AgreementCode(id: "p", path: "g/p", group: "g"), AgreementCode(id: "q", path: "g/q", group: "g")]
    var codings: [AgreementCoding] = []
    for i in 0..<4 {
        let span = paragraphSpan(doc, i)
        codings.append(AgreementCoding(coder: "a", document: "d", code: "p", start: span.lowerBound, end: span.upperBound))
        codings.append(AgreementCoding(coder: "b", document: "d", code: i < 2 ? "p" : "q", start: span.lowerBound, end: span.upperBound))
    }
    let report = computeAgreement(AgreementInput(documents: [doc], coders: ["a", "b"], codes: codes, codings: codings), unit: .paragraph)
    let pair = report.groups[0].pairs[0]
    #expect(pair.kappa == 0 && pair.kappaCi95 == nil)
    #expect(pair.note?.contains("a put every unit in the same category") == true)
}

/// The header's unit count is what the pairs count: with two coders, both + only_first +
/// only_second summed over codes (the overall pair's n), not every coder's segments added up.
@Test func segmentUnitsMatchThePairs() {
    let text = String(repeating: "x", count: 200)
    let docs = [AgreementDocument(id: "d1", title: "1", text: text), AgreementDocument(id: "d2", title: "2", text: text)]
    let codes = [AgreementCode(id: "c1", path: "one"), AgreementCode(id: "c2", path: "two")]
    let codings = [
        AgreementCoding(coder: "a", document: "d1", code: "c1", start: 0, end: 100),
        AgreementCoding(coder: "b", document: "d1", code: "c1", start: 0, end: 95),
        AgreementCoding(coder: "a", document: "d1", code: "c1", start: 120, end: 140),
        AgreementCoding(coder: "b", document: "d1", code: "c1", start: 125, end: 140),
        AgreementCoding(coder: "a", document: "d2", code: "c1", start: 10, end: 20),
        AgreementCoding(coder: "b", document: "d2", code: "c1", start: 10, end: 20),
        AgreementCoding(coder: "a", document: "d1", code: "c2", start: 0, end: 10),
    ]
    let input = AgreementInput(documents: docs, coders: ["a", "b"], codes: codes, codings: codings)
    let report = computeAgreement(input, unit: .segment(overlapPercent: 90))
    #expect(report.units == 5)
    #expect(report.units == report.overall.pairs[0].n)
    #expect(report.units == report.codes.reduce(0) { $0 + $1.pairs[0].n })
    #expect(report.table().hasPrefix("Agreement by segment (overlap ≥ 90.0%) · coders: a, b · 2 documents · 5 units"))
    // The units are those the disagreement listing gives.
    #expect(computeUnitRatings(input, unit: .segment(overlapPercent: 90)).count == report.units)

    // Three coders: a set of segments all matched with one another counts once.
    let three = AgreementInput(
        documents: [docs[0]], coders: ["a", "b", "c"], codes: [codes[0]],
        codings: [
            AgreementCoding(coder: "a", document: "d1", code: "c1", start: 0, end: 100),
            AgreementCoding(coder: "b", document: "d1", code: "c1", start: 0, end: 98),
            AgreementCoding(coder: "c", document: "d1", code: "c1", start: 1, end: 100),
            AgreementCoding(coder: "c", document: "d1", code: "c1", start: 150, end: 160),
        ])
    let r3 = computeAgreement(three, unit: .segment(overlapPercent: 90))
    #expect(r3.units == 2)
    #expect(r3.codes[0].pairs.map(\.n) == [1, 2, 2])
}
