import Agreement
import Store

extension Comparison {
    /// `request`'s comparison on fixed units (`units.scheme`) with its
    /// coverage: no coding row and no text is read, only the codings' spans
    /// grouped by document, code and member (`CodingGroups`) and each
    /// document's units (`KnownUnits`). With `consensus`, every coder is
    /// compared against the decided consensus. The statistics on it equal
    /// those on `build`'s input, byte for byte.
    static func covered(_ view: StoreView, _ request: Request, units: KnownUnits,
                        consensus: Bool = false) throws(AccordError) -> (comparison: Comparison, coverage: AgreementCoverage) {
        let catalog = try view.catalog()
        let groups = try CodingGroups(view, catalog: catalog)
        var comparison = try build(view, request, catalog: catalog, codings: groups, listing: false)
        if consensus {
            comparison.input.reference = Comparison.consensus(try view.decisions(), catalog: catalog)
        }
        let coverage = try CoverageCache(units: units, keeping: false)
            .coverage(comparison.input, groups: groups, coderOf: coderNames(comparison.coders), catalog: catalog, view)
        return (comparison, coverage)
    }

    /// `request`'s comparison and its unit-by-unit ratings under `scheme`:
    /// from the coverage on fixed units (`units`, made for `scheme`), from
    /// the codings and texts otherwise. The comparison's documents carry
    /// their text only in the second case.
    static func unitRatings(_ view: StoreView, _ request: Request, scheme: UnitScheme,
                            units: KnownUnits?) throws(AccordError) -> (comparison: Comparison, ratings: [UnitRating]) {
        if let units {
            let (comparison, coverage) = try covered(view, request, units: units)
            return (comparison, computeUnitRatings(coverage: coverage))
        }
        let comparison = try build(view, request)
        return (comparison, computeUnitRatings(comparison.input, unit: scheme))
    }
}
