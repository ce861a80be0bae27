/// Fleiss' kappa for any fixed number of coders.
///
/// Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. *Psychological
/// Bulletin* 76, 378–382: κ = (P̄ − P̄e) / (1 − P̄e), with P̄ the mean over units of the share
/// of agreeing rater pairs and P̄e = Σj pj² from the pooled category shares (a multi-rater
/// Scott's π). Classic Fleiss needs every unit rated by the same number of raters, so — as
/// statsmodels' `fleiss_kappa(aggregate_raters(data))` — only units rated by every coder count.
/// (Gwet's variant for missing ratings gives different values; this is not it.)
public enum Fleiss {
    /// `counts[u][k]` = how many coders put unit u in category k; every row must sum to the
    /// same number of coders m ≥ 2 (statsmodels `fleiss_kappa(table, method="fleiss")`).
    public static func kappa(counts: [[Int]]) -> Estimate {
        guard let q = counts.first?.count else { return .undefined(Why.noCompleteUnits) }
        var acc = FleissAccumulator(categories: q)
        for row in counts {
            guard row.count == q else { return .undefined("every row must have the same number of categories") }
            acc.add(CategoryCounts(counts: row), weight: 1)
        }
        return acc.estimate
    }

    /// `ratings[u][r]` = coder r's category for unit u (in `0..<categories`), nil when missing.
    /// Units that some coder did not rate are left out.
    public static func kappa(ratings: [[Int?]], categories: Int) -> Estimate {
        var acc = FleissAccumulator(categories: categories)
        var raters: Int? = nil
        for unit in ratings {
            if raters == nil { raters = unit.count }
            guard unit.allSatisfy({ $0 != nil }) else { continue }
            acc.add(CategoryCounts(unit, categories: categories), weight: 1)
        }
        if let raters, raters < 2 { return .undefined(Why.fewerThanTwoCoders) }
        return acc.estimate
    }
}
