#if canImport(Glibc)
// Double.squareRoot() calls libm's sqrt on Linux; importing Glibc autolinks libm so that a
// client without Foundation (a plain executable) still links.
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Cohen's kappa for two coders, with its large-sample standard error and 95% interval.
///
/// Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
/// Psychological Measurement* 20, 37–46: κ = (po − pe) / (1 − pe), where po is the observed
/// proportion of agreement and pe = Σk p1k·p2k the agreement expected from the two coders'
/// own marginal distributions. It corrects percent agreement for the agreement two coders with
/// those base rates would reach by chance.
///
/// The standard error is the asymptotic one *under the alternative* (not under κ = 0) from
/// Fleiss, J. L., Cohen, J. & Everitt, B. S. (1969). Large sample standard errors of kappa and
/// weighted kappa. *Psychological Bulletin* 72, 323–327 — the one meant for confidence
/// intervals, and the one statsmodels reports as `std_kappa` and SAS as `ASE`:
///
///     var(κ) = [ Σi pii (1 − (pi. + p.i)(1 − κ))²
///              + (1 − κ)² Σi≠j pij (p.i + pj.)²
///              − (κ − pe (1 − κ))² ] / (n (1 − pe)²)
///
/// The 95% interval is κ ± 1.959963984540054 · SE (the normal 0.975 quantile), not clipped.
public enum Cohen {
    /// The 0.975 quantile of the standard normal distribution.
    public static let z95 = 1.959963984540054

    /// Everything Cohen's kappa says about one table.
    public struct Result: Sendable, Hashable {
        public var kappa: Double?
        public var standardError: Double?
        /// `[lower, upper]`, nil when kappa is undefined.
        public var ci95: [Double]?
        /// po, nil when the table is empty.
        public var observedAgreement: Double?
        /// pe, nil when the table is empty.
        public var chanceAgreement: Double?
        /// Why kappa is undefined, nil when it is defined.
        public var note: String?
    }

    /// Cohen's kappa of a square q×q table of counts (rows: first coder, columns: second coder,
    /// categories in the same order on both axes).
    public static func analyze(table: [[Double]]) -> Result {
        guard let t = SquareTable(table) else {
            return Result(note: table.isEmpty || table.allSatisfy({ $0.count == table.count }) ? Why.noUnits : "the table is not square")
        }
        var pe = 0.0
        for i in 0..<t.q { pe += t.rows[i] * t.cols[i] }
        var result = Result(observedAgreement: t.observed, chanceAgreement: pe)
        if t.bothUsedOneCategory || pe >= 1 {
            result.note = Why.noVariation
            return result
        }
        let kappa = (t.observed - pe) / (1 - pe)
        result.kappa = kappa
        let se = standardError(t, kappa: kappa, pe: pe)
        result.standardError = se
        result.ci95 = [kappa - z95 * se, kappa + z95 * se]
        return result
    }

    /// Cohen's kappa of a square table, or nil with a note.
    public static func kappa(table: [[Double]]) -> Estimate {
        let r = analyze(table: table)
        return Estimate(value: r.kappa, note: r.note)
    }

    /// Cohen's kappa of the 2×2 presence table of one code.
    public static func analyze(_ table: TwoByTwo) -> Result {
        analyze(table: table.matrix)
    }

    /// Cohen's kappa of two coders' ratings of the same units (category indices `0..<categories`,
    /// nil = not rated): only units both coders rated count, as scikit-learn's
    /// `cohen_kappa_score` on the paired ratings.
    public static func analyze(_ first: [Int?], _ second: [Int?], categories: Int) -> Result {
        analyze(table: confusion(first, second, categories: categories))
    }

    /// The q×q confusion matrix of the units both coders rated (rows: first coder).
    public static func confusion(_ first: [Int?], _ second: [Int?], categories: Int) -> [[Double]] {
        var table = [[Double]](repeating: [Double](repeating: 0, count: categories), count: categories)
        for (a, b) in zip(first, second) {
            if let a, let b, (0..<categories).contains(a), (0..<categories).contains(b) {
                table[a][b] += 1
            }
        }
        return table
    }

    /// Fleiss, Cohen & Everitt (1969) large-sample SE of kappa (under the alternative).
    /// When one coder put every unit in one category, kappa is exactly 0 and so is the
    /// variance; rounding would leave a residue of ±1e-17 whose square root (≈ 1e-9) means
    /// nothing, so the exact 0 is returned.
    static func standardError(_ t: SquareTable, kappa: Double, pe: Double) -> Double {
        if t.rows.contains(1) || t.cols.contains(1) { return 0 }
        let oneMinusKappa = 1 - kappa
        var termA = 0.0
        var termB = 0.0
        for i in 0..<t.q {
            let d = 1 - (t.rows[i] + t.cols[i]) * oneMinusKappa
            termA += t.p[i][i] * d * d
            for j in 0..<t.q where j != i {
                let s = t.cols[i] + t.rows[j]
                termB += t.p[i][j] * s * s
            }
        }
        termB *= oneMinusKappa * oneMinusKappa
        let c = kappa - pe * oneMinusKappa
        let variance = (termA + termB - c * c) / ((1 - pe) * (1 - pe)) / t.n
        return variance > 0 ? variance.squareRoot() : 0
    }
}
