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
    /// The last coverage put together, for the groups at `step`: the next
    /// step over the same documents, codes and coders changes only the
    /// groups its codings touched.
    private var last: (step: Int, compared: Compared, assembly: CoverageAssembly)? = nil

    /// What decides where each group goes in a coverage.
    private struct Compared: Equatable {
        var documents: [String]
        var codes: [String]
        var coders: [String]
        var coderOf: [String: String]
    }

    init(units: KnownUnits, keeping: Bool) {
        self.units = units
        self.keeping = keeping
    }

    /// Forgets every group's coverage: the groups were built anew, and
    /// their versions start again (the documents' units are kept).
    func forgetCoverages() {
        entries = [:]
        last = nil
    }

    /// The coverage of `input` (its documents, coders, codes and reference;
    /// its codings and texts are not read) from `groups`: `coderOf` names
    /// the coder each compared member is. Each document, code and member the
    /// groups name is matched with the input once, not once per group.
    func coverage(_ input: AgreementInput, groups: CodingGroups, coderOf: [String: String], catalog: Catalog,
                  _ view: StoreView) throws(AccordError) -> AgreementCoverage {
        let compared = Compared(documents: input.documents.map(\.id), codes: input.codes.map(\.id), coders: input.coders,
                                coderOf: coderOf)
        var assembly: CoverageAssembly
        let reuse: Set<CodingGroups.Key>?
        if keeping, let touched = groups.touched, let last, last.step == groups.step - 1, last.compared == compared {
            assembly = last.assembly
            reuse = touched
        } else {
            assembly = try CoverageAssembly(input, units: units, catalog: catalog, view)
            reuse = nil
        }
        let documentAt = groups.names.documents.map { assembly.documentIndex[$0] }
        let codeAt = groups.codes.map { assembly.codeIndex[$0] }
        let coderAt = groups.names.members.map { member in member.flatMap { coderOf[$0] }.flatMap { assembly.coderIndex[$0] } }
        func place(_ key: CodingGroups.Key, _ group: CodingGroups.Group?) {
            guard let d = documentAt[Int(key.document)], let c = codeAt[Int(key.code)], let r = coderAt[Int(key.member)] else { return }
            guard let group else {
                entries[key] = nil
                assembly.set(.empty, document: d, code: c, coder: r)
                return
            }
            if keeping, let entry = entries[key], entry.version == group.version {
                assembly.set(entry.coverage, document: d, code: c, coder: r)
                return
            }
            let coverage = CodeCoverage(codings: group.spans, units: assembly.units(d), length: assembly.length(d))
            if keeping { entries[key] = (group.version, coverage) }
            assembly.set(coverage, document: d, code: c, coder: r)
        }
        if let reuse {
            for key in reuse { place(key, groups.groups[key]) }
        } else {
            for (key, group) in groups.groups { place(key, group) }
        }
        if keeping { last = (groups.step, compared, assembly) }
        return assembly.finish(input, scheme: units.scheme)
    }
}
