/// Krippendorff's alpha for nominal data, missing ratings allowed.
///
/// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
/// Communication, University of Pennsylvania (also Krippendorff 2004, *Content Analysis*, ch.
/// 11): α = 1 − Do / De from the coincidence matrix o. Each unit with m ≥ 2 ratings adds
/// n_uc (n_uk − [c = k]) / (m − 1) to o_ck; units with fewer than two ratings are dropped.
/// With n_c = Σk o_ck and n = Σc n_c, the nominal form is
/// α = 1 − (n − 1) Σc≠k o_ck / Σc≠k n_c n_k. Alpha counts every pairable rating, so it uses
/// units some coder skipped, which Fleiss' kappa cannot; it matches the `krippendorff` package
/// (`alpha(..., level_of_measurement="nominal")`).
public enum Krippendorff {
    /// `units[u]` holds the ratings unit u received (any integers as category labels, nil for
    /// a missing rating); the number of ratings may differ between units.
    public static func alphaNominal(units: [[Int?]]) -> Estimate {
        var index: [Int: Int] = [:]
        for unit in units {
            for case let value? in unit where index[value] == nil { index[value] = index.count }
        }
        let q = index.count
        guard q >= 1 else { return .undefined(Why.noPairableUnits) }
        var acc = CoincidenceAccumulator(categories: q)
        for unit in units {
            acc.add(CategoryCounts(unit.map { $0.flatMap { index[$0] } }, categories: q), weight: 1)
        }
        return acc.alpha
    }

    /// Alpha from a coincidence matrix o (square, symmetric).
    public static func alphaNominal(coincidences o: [[Double]]) -> Estimate {
        let q = o.count
        var totals = [Double](repeating: 0, count: q)
        var observed = 0.0  // Σc≠k o_ck, summed directly to keep precision when agreement is high
        for c in 0..<q {
            for k in 0..<q {
                totals[c] += o[c][k]
                if c != k { observed += o[c][k] }
            }
        }
        let n = totals.reduce(0, +)
        guard n > 0 else { return .undefined(Why.noPairableUnits) }
        var expected = 0.0  // Σc≠k n_c n_k
        for c in 0..<q where totals[c] > 0 { expected += totals[c] * (n - totals[c]) }
        guard expected > 0 else { return .undefined(Why.alphaNoVariation) }
        return Estimate(1 - (n - 1) * observed / expected)
    }
}
