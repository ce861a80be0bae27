import Agreement
import Store

/// The coverage of each (document, code, coder) kept from one step of a trend
/// to the next (the codings the comparison leaves out are never held, so
/// none is ignored), so that a step rebuilds only the coverages whose codings
/// changed and never splits a document into units (`KnownUnits`); the report
/// is then `computeAgreement(coverage:)`, identical to `computeAgreement` on
/// the same input. Fixed units only (document, paragraph, sentence).
final class CoverageCache {
    let units: KnownUnits
    /// Each held group's coverage, with the version of the group it was computed from.
    private var entries: [HeldCodings.Key: (version: Int, coverage: CodeCoverage)] = [:]

    init?(scheme: UnitScheme) {
        guard let units = KnownUnits(scheme: scheme) else { return nil }
        self.units = units
    }

    /// Forgets every group's coverage: the groups were built anew, and
    /// their versions start again (the documents' units are kept).
    func forgetCoverages() { entries = [:] }

    /// The coverage of `input` (its documents, coders, codes and reference;
    /// its codings and texts are not read) from the groups `held` keeps:
    /// `coderOf` names the coder each compared member is.
    func coverage(_ input: AgreementInput, held: HeldCodings, coderOf: [String: String], catalog: Catalog,
                  _ view: StoreView) throws(AccordError) -> AgreementCoverage {
        var assembly = try CoverageAssembly(input, units: units, catalog: catalog, view)
        for (key, group) in held.groups {
            guard let d = assembly.documentIndex[key.document], let c = assembly.codeIndex[key.code],
                  let r = key.member.flatMap({ coderOf[$0] }).flatMap({ assembly.coderIndex[$0] }) else { continue }
            if let entry = entries[key], entry.version == group.version {
                assembly.set(entry.coverage, document: d, code: c, coder: r)
                continue
            }
            let coverage = CodeCoverage(codings: group.spans, units: assembly.units(d), length: assembly.length(d))
            entries[key] = (group.version, coverage)
            assembly.set(coverage, document: d, code: c, coder: r)
        }
        return assembly.finish(scheme: units.scheme)
    }
}
