/// Gwet's AC1: chance agreement from how hard units are to classify.
///
/// Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence of
/// high agreement. *British Journal of Mathematical and Statistical Psychology* 61, 29–48:
/// AC1 = (pa − pe) / (1 − pe) with pe = (1 / (q − 1)) Σk πk (1 − πk), where πk is the mean
/// share of ratings in category k. Unlike Cohen's kappa it does not collapse when one category
/// dominates (a rare code), which is why qualitative teams report it next to kappa.
///
/// q is the number of categories of the variable (2 for code presence), as irrCAC computes it
/// when given the full category list.
public enum Gwet {
    /// AC1 of two coders from their q×q table (rows: first coder); πk = (pk. + p.k) / 2.
    public static func ac1(table: [[Double]]) -> Estimate {
        guard let t = SquareTable(table) else { return .undefined(Why.noUnits) }
        guard t.q >= 2 else { return .undefined(Why.oneCategory) }
        var sum = 0.0
        for k in 0..<t.q {
            let pi = (t.rows[k] + t.cols[k]) / 2
            sum += pi * (1 - pi)
        }
        let pe = sum / Double(t.q - 1)
        return Estimate((t.observed - pe) / (1 - pe))
    }

    /// AC1 of any number of coders with missing ratings, exactly as irrCAC's `CAC(...).gwet()`
    /// (Gwet 2014, *Handbook of Inter-Rater Reliability*, ch. 4): pa over units with two or more
    /// ratings; πk averaged over units with at least one rating.
    /// `units[u]` holds unit u's ratings (category indices in `0..<categories`, nil = missing).
    public static func ac1(units: [[Int?]], categories: Int) -> Estimate {
        guard categories >= 2 else { return .undefined(Why.oneCategory) }
        var profile = RaterAgreement(categories: categories)
        for unit in units { profile.add(CategoryCounts(unit, categories: categories), weight: 1) }
        return ac1(profile)
    }

    static func ac1(_ profile: RaterAgreement) -> Estimate {
        guard let pa = profile.pairAgreement, let pi = profile.categoryShares else {
            return .undefined(Why.noPairableUnits)
        }
        var sum = 0.0
        for p in pi { sum += p * (1 - p) }
        let pe = sum / Double(profile.categories - 1)
        return Estimate((pa - pe) / (1 - pe))
    }
}
