import Agreement
import Store

/// The coverage of each (document, code, coder) group, put together into the
/// `AgreementCoverage` of a comparison from what `CodingGroups` holds (the
/// codings the comparison leaves out are never read, so none is ignored);
/// the report is then `computeAgreement(coverage:)`, identical to
/// `computeAgreement` on the same input. Fixed units only (document,
/// paragraph, sentence), taken from `KnownUnits`: no text is split twice.
///
/// A series keeps each group's coverage from one step to the next
/// (`keeping`), so that a step rebuilds only the coverages whose codings
/// changed.
final class CoverageCache {
    let units: KnownUnits
    private let keeping: Bool
    /// Each group's coverage, with the version of the group it was computed from.
    private var entries: [CodingGroups.Key: (version: Int, coverage: CodeCoverage)] = [:]

    init(units: KnownUnits, keeping: Bool) {
        self.units = units
        self.keeping = keeping
    }

    /// Forgets every group's coverage: the groups were built anew, and
    /// their versions start again (the documents' units are kept).
    func forgetCoverages() { entries = [:] }

    /// The coverage of `input` (its documents, coders, codes and reference;
    /// its codings and texts are not read) from `groups`: `coderOf` names
    /// the coder each compared member is. Each document, code and member the
    /// groups name is matched with the input once, not once per group.
    func coverage(_ input: AgreementInput, groups: CodingGroups, coderOf: [String: String], catalog: Catalog,
                  _ view: StoreView) throws(AccordError) -> AgreementCoverage {
        var assembly = try CoverageAssembly(input, units: units, catalog: catalog, view)
        let documentAt = groups.names.documents.map { assembly.documentIndex[$0] }
        let codeAt = groups.codes.map { assembly.codeIndex[$0] }
        let coderAt = groups.names.members.map { member in member.flatMap { coderOf[$0] }.flatMap { assembly.coderIndex[$0] } }
        for (key, group) in groups.groups {
            guard let d = documentAt[Int(key.document)], let c = codeAt[Int(key.code)], let r = coderAt[Int(key.member)] else { continue }
            if keeping, let entry = entries[key], entry.version == group.version {
                assembly.set(entry.coverage, document: d, code: c, coder: r)
                continue
            }
            let coverage = CodeCoverage(codings: group.spans, units: assembly.units(d), length: assembly.length(d))
            if keeping { entries[key] = (group.version, coverage) }
            assembly.set(coverage, document: d, code: c, coder: r)
        }
        return assembly.finish(scheme: units.scheme)
    }
}
