/// Accumulators shared by the multi-rater coefficients.
///
/// Every multi-rater coefficient here depends on the data only through each unit's *profile*:
/// how many of its ratings fall in each category. Units with the same profile contribute the
/// same amount, so the accumulators take a profile and a weight — 1 for a plain unit, or the
/// length of a stretch of characters that all share that profile. That is what lets the
/// character scheme feed millions of units through a few thousand sweep steps.

/// How many of one unit's ratings fall in each category.
struct CategoryCounts {
    var counts: [Int]
    var total: Int

    init(counts: [Int]) {
        self.counts = counts
        self.total = counts.reduce(0, +)
    }

    /// Ratings outside `0..<categories` and nils are not counted.
    init(_ ratings: [Int?], categories: Int) {
        var counts = [Int](repeating: 0, count: categories)
        var total = 0
        for rating in ratings {
            if let k = rating, k >= 0, k < categories {
                counts[k] += 1
                total += 1
            }
        }
        self.counts = counts
        self.total = total
    }
}

/// Gwet's (2008, 2014) bookkeeping for raw ratings with missing values, as irrCAC does it:
/// pa averages, over units with at least two ratings, the share of agreeing rater pairs;
/// πk averages, over units with at least one rating, the share of the unit's ratings in k.
struct RaterAgreement {
    let categories: Int
    private(set) var pairableWeight = 0.0
    private(set) var agreementSum = 0.0
    private(set) var ratedWeight = 0.0
    private(set) var classification: [Double]

    init(categories: Int) {
        self.categories = categories
        self.classification = [Double](repeating: 0, count: categories)
    }

    mutating func add(_ unit: CategoryCounts, weight: Double) {
        let r = unit.total
        guard r >= 1 else { return }
        ratedWeight += weight
        let rd = Double(r)
        for k in 0..<categories where unit.counts[k] > 0 {
            classification[k] += weight * Double(unit.counts[k]) / rd
        }
        guard r >= 2 else { return }
        pairableWeight += weight
        var agreeing = 0
        for c in unit.counts { agreeing += c * (c - 1) }
        agreementSum += weight * Double(agreeing) / (rd * (rd - 1))
    }

    /// Mean share of agreeing rater pairs, nil when no unit has two ratings.
    var pairAgreement: Double? {
        pairableWeight > 0 ? agreementSum / pairableWeight : nil
    }

    /// πk, nil when no unit was rated.
    var categoryShares: [Double]? {
        ratedWeight > 0 ? classification.map { $0 / ratedWeight } : nil
    }
}

/// Fleiss (1971) over units that every rater rated (same number of ratings per unit).
struct FleissAccumulator {
    let categories: Int
    private(set) var raters: Int? = nil
    private(set) var unitWeight = 0.0
    private(set) var agreementSum = 0.0
    private(set) var categoryTotals: [Double]
    private(set) var unequal = false

    init(categories: Int) {
        self.categories = categories
        self.categoryTotals = [Double](repeating: 0, count: categories)
    }

    mutating func add(_ unit: CategoryCounts, weight: Double) {
        let m = unit.total
        if let raters, raters != m {
            unequal = true
            return
        }
        raters = m
        guard m >= 2 else { return }
        unitWeight += weight
        var squares = 0
        for k in 0..<categories {
            squares += unit.counts[k] * unit.counts[k]
            categoryTotals[k] += weight * Double(unit.counts[k])
        }
        agreementSum += weight * Double(squares - m) / Double(m * (m - 1))
    }

    var estimate: Estimate {
        if unequal { return .undefined(Why.unequalRaters) }
        guard let m = raters, unitWeight > 0 else { return .undefined(Why.noCompleteUnits) }
        guard m >= 2 else { return .undefined(Why.fewerThanTwoCoders) }
        let total = unitWeight * Double(m)
        var pe = 0.0
        var used = 0
        for t in categoryTotals where t > 0 {
            let p = t / total
            pe += p * p
            used += 1
        }
        let po = agreementSum / unitWeight
        if used <= 1 || pe >= 1 { return .undefined(Why.fleissNoVariation) }
        return Estimate((po - pe) / (1 - pe))
    }
}

/// Krippendorff's coincidence matrix (nominal): each unit with m ≥ 2 ratings adds
/// n_uc (n_uk − [c = k]) / (m − 1) to o_ck; units with fewer than two ratings add nothing.
struct CoincidenceAccumulator {
    let categories: Int
    private(set) var o: [[Double]]

    init(categories: Int) {
        self.categories = categories
        self.o = [[Double]](repeating: [Double](repeating: 0, count: categories), count: categories)
    }

    mutating func add(_ unit: CategoryCounts, weight: Double) {
        let m = unit.total
        guard m >= 2 else { return }
        let scale = weight / Double(m - 1)
        for c in 0..<categories where unit.counts[c] > 0 {
            let nc = unit.counts[c]
            for k in 0..<categories where unit.counts[k] > 0 {
                let pairs = c == k ? nc * (nc - 1) : nc * unit.counts[k]
                if pairs > 0 { o[c][k] += Double(pairs) * scale }
            }
        }
    }

    mutating func add(_ other: CoincidenceAccumulator) {
        precondition(other.categories == categories)
        for c in 0..<categories {
            for k in 0..<categories { o[c][k] += other.o[c][k] }
        }
    }

    var alpha: Estimate { Krippendorff.alphaNominal(coincidences: o) }
}
