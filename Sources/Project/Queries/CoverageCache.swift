import Agreement

/// The coverage of each (document, code, coder) kept from one step of a trend
/// to the next, so that a step rebuilds only the coverages whose codings
/// changed and never splits a document into units twice; the report is then
/// `computeAgreement(coverage:)`, identical to `computeAgreement` on the same
/// input. Fixed units only (document, paragraph, sentence).
final class CoverageCache {
    struct Key: Hashable {
        var document: String
        var code: String
        var coder: String
    }

    let scheme: UnitScheme
    /// Per document id: its length and units (a document's text never changes).
    private var documents: [String: (length: Int, units: DocumentUnits)] = [:]
    private var entries: [Key: (spans: [Range<Int>], coverage: CodeCoverage)] = [:]

    init?(scheme: UnitScheme) {
        switch scheme {
        case .document, .paragraph, .sentence: self.scheme = scheme
        case .character, .segment: return nil
        }
    }

    func coverage(_ input: AgreementInput) -> AgreementCoverage {
        let codeIndex = Dictionary(input.codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let coderIndex = Dictionary(input.coders.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let documentIndex = Dictionary(input.documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var built = input.documents.map { doc -> CoverageDocument in
            let known = documents[doc.id] ?? (ScalarText.count(doc.text), DocumentUnits(text: doc.text, scheme: scheme)!)
            documents[doc.id] = known
            return CoverageDocument(id: doc.id, length: known.length, units: known.units, coverage: [])
        }
        var grouped: [Key: [Range<Int>]] = [:]
        var ignored = 0
        for c in input.codings {
            guard documentIndex[c.document] != nil, codeIndex[c.code] != nil, coderIndex[c.coder] != nil else {
                ignored += 1
                continue
            }
            grouped[Key(document: c.document, code: c.code, coder: c.coder), default: []].append(c.start..<c.end)
        }
        var live: [Key: (spans: [Range<Int>], coverage: CodeCoverage)] = [:]
        for (key, spans) in grouped {
            let d = documentIndex[key.document]!, c = codeIndex[key.code]!, r = coderIndex[key.coder]!
            if built[d].coverage.isEmpty {
                built[d].coverage = [[CodeCoverage]](
                    repeating: [CodeCoverage](repeating: .empty, count: input.coders.count), count: input.codes.count)
            }
            let entry: (spans: [Range<Int>], coverage: CodeCoverage) = entries[key].flatMap { $0.spans == spans ? $0 : nil }
                ?? (spans, CodeCoverage(codings: spans, units: built[d].units, length: built[d].length))
            live[key] = entry
            built[d].coverage[c][r] = entry.coverage
        }
        entries = live
        var ignoredDecisions = 0
        if let reference = input.reference {
            var decisions = [[(span: Range<Int>, codes: Set<String>)]](repeating: [], count: built.count)
            for decision in reference.decisions {
                guard let d = documentIndex[decision.document] else {
                    ignoredDecisions += 1
                    continue
                }
                decisions[d].append((decision.start..<decision.end, decision.codes))
            }
            let codes = input.codes.map(\.id)
            for d in built.indices {
                built[d].reference = ReferenceCoverage(decisions: decisions[d], units: built[d].units, length: built[d].length, codes: codes)
            }
        }
        return AgreementCoverage(scheme: scheme, coders: input.coders, codes: input.codes, documents: built,
                                 reference: input.reference?.name, ignored: ignored, ignoredDecisions: ignoredDecisions)
    }
}
