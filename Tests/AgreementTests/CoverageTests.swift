import Foundation
import Testing
@testable import Agreement

// computeAgreement(coverage:) and computeUnitRatings(coverage:) against the plain entry
// points, on coverage built entry by entry through the public builders (as the storage layer
// does), for random inputs.

/// The coverage of `input`, assembled from one ``CodeCoverage`` per (document, code, coder)
/// and one ``ReferenceCoverage`` per document: only public API.
private func assemble(_ input: AgreementInput, _ scheme: UnitScheme) -> AgreementCoverage {
    var documents: [CoverageDocument] = []
    var ignored = 0
    let known = Set(input.documents.map(\.id))
    let coders = Set(input.coders)
    let codeIDs = Set(input.codes.map(\.id))
    for c in input.codings where !known.contains(c.document) || !coders.contains(c.coder) || !codeIDs.contains(c.code) {
        ignored += 1
    }
    for doc in input.documents {
        let units = DocumentUnits(text: doc.text, scheme: scheme)!
        let length = doc.text.unicodeScalars.count
        let coverage = input.codes.map { code in
            input.coders.map { coder in
                let spans = input.codings.filter { $0.document == doc.id && $0.code == code.id && $0.coder == coder }
                    .map { $0.start..<max($0.start, $0.end) }
                return spans.isEmpty ? CodeCoverage.empty : CodeCoverage(codings: spans, units: units, length: length)
            }
        }
        var reference: ReferenceCoverage? = nil
        if let decisions = input.reference?.decisions {
            let mine = decisions.filter { $0.document == doc.id }.map { (span: $0.start..<max($0.start, $0.end), codes: $0.codes) }
            reference = ReferenceCoverage(decisions: mine, units: units, length: length, codes: input.codes.map(\.id))
        }
        documents.append(CoverageDocument(id: doc.id, length: length, units: units, coverage: coverage, reference: reference))
    }
    let ignoredDecisions = input.reference?.decisions.filter { !known.contains($0.document) }.count ?? 0
    return AgreementCoverage(
        scheme: scheme, coders: input.coders, codes: input.codes, documents: documents, reference: input.reference?.name,
        ignored: ignored, ignoredDecisions: ignoredDecisions)
}

private func json(_ report: AgreementReport) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(report)
}

@Test(arguments: [UnitScheme.document, .paragraph, .sentence])
func coveragePathIsByteIdentical(_ scheme: UnitScheme) throws {
    for seed in 1...40 as ClosedRange<UInt64> {
        var input = RandomInput.make(seed: seed, documents: 1 + Int(seed % 6), coders: 2 + Int(seed % 3), codes: 1 + Int(seed % 6))
        if seed % 3 == 0 {
            // Against a reference: decisions on random spans, some invalid.
            var g = SeededGenerator(seed: seed &* 31)
            var decisions: [ReferenceDecision] = []
            for doc in input.documents {
                let length = doc.text.unicodeScalars.count
                for _ in 0..<Int.random(in: 0...6, using: &g) where length > 0 {
                    let s = Int.random(in: -2..<length, using: &g)
                    let codes = Set(input.codes.map(\.id).filter { _ in Bool.random(using: &g) })
                    decisions.append(ReferenceDecision(document: doc.id, start: s, end: s + Int.random(in: 0...60, using: &g), codes: codes))
                }
            }
            decisions.append(ReferenceDecision(document: "missing", start: 0, end: 5, codes: []))
            input.reference = AgreementReference(decisions: decisions)
        }
        let plain = computeAgreement(input, unit: scheme)
        let coverage = assemble(input, scheme)
        let fromCoverage = computeAgreement(coverage: coverage)
        #expect(try json(plain) == json(fromCoverage), "seed \(seed)")
        #expect(try json(computeAgreement(coverage: AgreementCoverage(input, unit: scheme)!)) == json(plain), "seed \(seed)")
        #expect(computeUnitRatings(coverage: coverage) == computeUnitRatings(input, unit: scheme), "seed \(seed)")
    }
}

@Test func coverageEntriesAreCanonical() {
    let units = DocumentUnits(text: "One.\n\nTwo.\n\nThree.", scheme: .paragraph)!
    #expect(units.starts == [0, 6, 12] && units.ends == [4, 10, 18])
    let a = CodeCoverage(codings: [13..<15, -3..<2, 3..<7, 9..<9], units: units, length: 18)
    let b = CodeCoverage(codings: [3..<7, 13..<15, 0..<2], units: units, length: 18)
    #expect(a.bits == b.bits && a.spans == b.spans)
    #expect(a.bits == [0b111])  // [3,7) overlaps the first two paragraphs
    #expect(a.spans == [0..<2, 3..<7, 13..<15])
    #expect(a.ignored == 1 && b.ignored == 0)
    // Only the break between paragraphs: nothing covered.
    #expect(CodeCoverage(codings: [4..<6], units: units, length: 18).bits.isEmpty)
    #expect(units.units(within: 5..<11) == 1..<2)
    #expect(units.units(within: 0..<3).isEmpty)
    #expect(DocumentUnits(text: "x", scheme: .character) == nil)
    #expect(DocumentUnits(text: "", scheme: .document)!.count == 1)
    // A document of 200 paragraphs spans four words.
    let many = DocumentUnits(text: (0..<200).map { "p\($0)" }.joined(separator: "\n\n"), scheme: .paragraph)!
    let all = CodeCoverage(codings: [0..<many.ends[199]], units: many, length: many.ends[199])
    #expect(all.bits.count == 4 && all.bits.reduce(0) { $0 + $1.nonzeroBitCount } == 200)
}
