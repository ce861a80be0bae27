import Agreement
import Store

/// One step of `agreement --trend`: the agreement as it stood at a cut of the history.
public struct TrendPoint: Sendable {
    public var point: SeriesPoint
    /// Nil when there was nothing to compare yet (fewer than two coders, say), with the reason.
    public var report: AgreementReport?
    public var reason: String?
}

extension Replica {
    /// The agreement at each cut of the history (`agreement --trend`), each
    /// cut read as a query over the live tables (`Store.readSeries`), not a
    /// replay per step; with fixed units each step reuses the previous
    /// step's coverage of every (document, code, coder) whose codings did
    /// not change. A step where the comparison is not possible yet (no two
    /// coders) carries the reason instead of a report.
    public func agreementTrend(_ query: AgreementQuery, cut: SeriesCut, maxPoints: Int = 1000) throws(AccordError) -> [TrendPoint] {
        // The codes and coders are named now; a name that did not exist yet
        // at a step leaves that step without a report.
        let cache = KnownUnits(scheme: query.unit).map { CoverageCache(units: $0, keeping: true) }
        let texts = DocumentTexts()
        var groups: CodingGroups? = nil
        defer { cache?.units.keep(in: store) }
        return try store.readSeries(cut: cut, maxPoints: maxPoints) { point, view in
            let catalog = try view.catalog()
            if let since = point.since, groups != nil {
                groups!.apply(try view.codedSpanChanges(after: since, names: groups!.names), catalog: catalog)
            } else {
                groups = try CodingGroups(view, catalog: catalog)
                cache?.forgetCoverages()
            }
            do {
                var comparison = try Comparison.build(view, query.request, catalog: catalog, codings: groups!, texts: texts,
                                                      listing: cache == nil)
                if query.againstConsensus {
                    comparison.input.reference = Comparison.consensus(try view.decisions(), catalog: comparison.catalog)
                }
                let report: AgreementReport
                if let cache {
                    let coderOf = Comparison.coderNames(comparison.coders)
                    report = computeAgreement(coverage: try cache.coverage(comparison.input, groups: groups!, coderOf: coderOf,
                                                                           catalog: catalog, view))
                } else {
                    report = computeAgreement(comparison.input, unit: query.unit)
                }
                return TrendPoint(point: point, report: report, reason: nil)
            } catch let error as AccordError {
                return TrendPoint(point: point, report: nil, reason: error.message)
            }
        }
    }
}
