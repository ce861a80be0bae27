/// The statistics of one exclusive group, from how often each combination of ratings occurs.
///
/// Every group coefficient is a sum over units of a function of the unit's ratings, so units
/// with the same ratings (one category index or `missing` per rater) are counted together and
/// each distinct combination is added once with its count as weight, in a fixed order (sorted
/// combinations) — which also makes the results independent of the order of documents.
/// Multi-coded units never reach the tally (the builders count and list them).
struct GroupTally {
    static let missing = -1

    let raters: Int
    let categories: Int
    private(set) var weights: [[Int]: Int] = [:]

    init(raters: Int, categories: Int) {
        self.raters = raters
        self.categories = categories
    }

    /// `ratings[r]` is rater r's category index, or ``missing``.
    mutating func add(_ ratings: [Int], weight: Int) {
        weights[ratings, default: 0] += weight
    }

    func statistics(pairs: [(Int, Int)], names: [String], tooFew: String?)
        -> (pairs: [GroupPairAgreement], fleiss: Estimate, alpha: Estimate)
    {
        let q = categories
        var confusion = [[[Int]]](
            repeating: [[Int]](repeating: [Int](repeating: 0, count: q), count: q), count: pairs.count)
        var fleiss = FleissAccumulator(categories: q)
        var alpha = CoincidenceAccumulator(categories: q)
        let combinations = weights.keys.sorted { $0.lexicographicallyPrecedes($1) }
        for ratings in combinations {
            let weight = weights[ratings]!
            for (p, (i, j)) in pairs.enumerated() {
                let a = ratings[i]
                let b = ratings[j]
                if a >= 0 && b >= 0 { confusion[p][a][b] += weight }
            }
            let counts = CategoryCounts(ratings.map { $0 >= 0 ? $0 : nil }, categories: q)
            if counts.total == raters { fleiss.add(counts, weight: Double(weight)) }
            alpha.add(counts, weight: Double(weight))
        }
        let pairResults = pairs.enumerated().map { p, pair in
            PairStatistics.group(coders: [names[pair.0], names[pair.1]], confusion: confusion[p])
        }
        if let tooFew { return (pairResults, .undefined(tooFew), .undefined(tooFew)) }
        return (pairResults, fleiss.estimate, alpha.alpha)
    }
}
