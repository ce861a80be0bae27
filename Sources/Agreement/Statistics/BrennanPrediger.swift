/// Brennan–Prediger kappa: chance agreement from the number of categories alone.
///
/// Brennan, R. L. & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses, and
/// alternatives. *Educational and Psychological Measurement* 41, 687–699:
/// κ_BP = (po − 1/q) / (1 − 1/q) for q categories. It is the coefficient MAXQDA reports (chance
/// = 1 / number of codes), it stays defined when both coders use one category only, and for a
/// binary rating it equals PABAK. q is the number of categories of the *variable* (2 for code
/// presence, the number of children of an exclusive code), not the number actually used —
/// as irrCAC computes it when given the full category list.
public enum BrennanPrediger {
    /// (po − 1/q) / (1 − 1/q).
    public static func kappa(observedAgreement po: Double, categories q: Int) -> Estimate {
        guard q >= 2 else { return .undefined(Why.oneCategory) }
        let pe = 1 / Double(q)
        return Estimate((po - pe) / (1 - pe))
    }

    /// Two coders: q is the size of the square table.
    public static func kappa(table: [[Double]]) -> Estimate {
        guard let t = SquareTable(table) else { return .undefined(Why.noUnits) }
        return kappa(observedAgreement: t.observed, categories: t.q)
    }

    /// Any number of coders with missing ratings, as irrCAC's `CAC(...).bp()`: po is the mean,
    /// over units with at least two ratings, of the proportion of agreeing rater pairs.
    /// `units[u]` holds unit u's ratings (category indices in `0..<categories`, nil = missing).
    public static func kappa(units: [[Int?]], categories: Int) -> Estimate {
        guard categories >= 2 else { return .undefined(Why.oneCategory) }
        var profile = RaterAgreement(categories: categories)
        for unit in units { profile.add(CategoryCounts(unit, categories: categories), weight: 1) }
        guard let pa = profile.pairAgreement else { return .undefined(Why.noPairableUnits) }
        return kappa(observedAgreement: pa, categories: categories)
    }
}
