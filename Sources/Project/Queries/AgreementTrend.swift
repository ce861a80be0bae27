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
    /// The agreement at each cut of the history (`agreement --trend`), from
    /// one forward fold of the log (`Store.readSeries`), not one replay per
    /// step; with fixed units each step reuses the previous step's coverage
    /// of every (document, code, coder) whose codings did not change. A step where the comparison is not possible yet (no two coders)
    /// carries the reason instead of a report.
    public func agreementTrend(_ query: AgreementQuery, cut: SeriesCut, maxPoints: Int = 1000) throws(AccordError) -> [TrendPoint] {
        // The codes and coders are named now; a name that did not exist yet
        // at a step leaves that step without a report.
        let cache = CoverageCache(scheme: query.unit)
        return try store.readSeries(cut: cut, maxPoints: maxPoints) { point, view in
            do {
                var comparison = try Comparison.build(view, query.request)
                if query.againstConsensus {
                    comparison.input.reference = Comparison.consensus(try view.decisions(), catalog: comparison.catalog)
                }
                let report = cache.map { computeAgreement(coverage: $0.coverage(comparison.input)) }
                    ?? computeAgreement(comparison.input, unit: query.unit)
                return TrendPoint(point: point, report: report, reason: nil)
            } catch let error as AccordError {
                return TrendPoint(point: point, report: nil, reason: error.message)
            }
        }
    }
}
