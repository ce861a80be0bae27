import Agreement

/// The coverage of each (document, code, coder) kept from one step of a trend
/// to the next (the codings the comparison leaves out are never held, so
/// none is ignored), so that a step rebuilds only the coverages whose codings
/// changed and never splits a document into units twice; the report is then
/// `computeAgreement(coverage:)`, identical to `computeAgreement` on the same
/// input. Fixed units only (document, paragraph, sentence).
final class CoverageCache {
    let scheme: UnitScheme
    /// Per document id: its length and units (a document's text never changes).
    private var documents: [String: (length: Int, units: DocumentUnits)] = [:]
    /// Each held group's coverage, with the version of the group it was computed from.
    private var entries: [HeldCodings.Key: (version: Int, coverage: CodeCoverage)] = [:]

    init?(scheme: UnitScheme) {
        switch scheme {
        case .document, .paragraph, .sentence: self.scheme = scheme
        case .character, .segment: return nil
        }
    }

    /// Forgets every group's coverage: the groups were built anew, and
    /// their versions start again (the documents' units are kept).
    func forgetCoverages() { entries = [:] }

    /// The coverage of `input` (its documents, coders, codes and reference;
    /// its codings are not read) from the groups `held` keeps: `coderOf`
    /// names the coder each compared member is.
    func coverage(_ input: AgreementInput, held: HeldCodings, coderOf: [String: String]) -> AgreementCoverage {
        let codeIndex = Dictionary(input.codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let coderIndex = Dictionary(input.coders.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let documentIndex = Dictionary(input.documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var built = input.documents.map { doc -> CoverageDocument in
            let known = documents[doc.id] ?? (ScalarText.count(doc.text), DocumentUnits(text: doc.text, scheme: scheme)!)
            documents[doc.id] = known
            return CoverageDocument(id: doc.id, length: known.length, units: known.units, coverage: [])
        }
        for (key, group) in held.groups {
            guard let d = documentIndex[key.document], let c = codeIndex[key.code],
                  let r = key.member.flatMap({ coderOf[$0] }).flatMap({ coderIndex[$0] }) else { continue }
            if built[d].coverage.isEmpty {
                built[d].coverage = [[CodeCoverage]](
                    repeating: [CodeCoverage](repeating: .empty, count: input.coders.count), count: input.codes.count)
            }
            if let entry = entries[key], entry.version == group.version {
                built[d].coverage[c][r] = entry.coverage
                continue
            }
            let coverage = CodeCoverage(codings: group.spans, units: built[d].units, length: built[d].length)
            entries[key] = (group.version, coverage)
            built[d].coverage[c][r] = coverage
        }
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
                                 reference: input.reference?.name, ignored: 0, ignoredDecisions: ignoredDecisions)
    }
}
