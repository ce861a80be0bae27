/// Codes and overall agreement for the schemes with fixed units (document, paragraph,
/// sentence, character): presence of each code per unit as a binary rating per coder.
struct PresenceBuilder {
    let input: PreparedInput
    let space: UnitSpace
    /// `presence[code][coder]`: sorted disjoint ranges of unit indices rated "present".
    let presence: [[[Range<Int>]]]

    init(input: PreparedInput, scheme: UnitScheme) {
        self.input = input
        let space = UnitSpace(documents: input.documents, lengths: input.lengths, scheme: scheme)
        self.space = space
        presence = input.spans.map { perCoder in
            perCoder.map { list in
                Intervals.union(list.map { space.units(document: $0.document, span: $0.span) })
            }
        }
    }

    /// Per-code results, the pair tables (for pooling) and each code's coincidence matrix.
    func codes() -> (codes: [CodeAgreement], tables: [[TwoByTwo]], coincidences: [CoincidenceAccumulator]) {
        let coders = input.coders
        let r = coders.count
        let pairs = input.pairs
        var results: [CodeAgreement] = []
        var tables: [[TwoByTwo]] = []
        var coincidences: [CoincidenceAccumulator] = []
        for (c, code) in input.codes.enumerated() {
            let lists = presence[c]
            var pairResults: [PairAgreement] = []
            var pairTables: [TwoByTwo] = []
            for (i, j) in pairs {
                let table = CharacterSweep.table(first: lists[i], second: lists[j], units: space.size)
                pairTables.append(table)
                pairResults.append(PairStatistics.presence(coders: [coders[i], coders[j]], table: table))
            }
            // Every coder rates every unit, so the multi-coder coefficients depend only on how
            // many units have k of the r coders rating "present".
            var fleiss = FleissAccumulator(categories: 2)
            var alpha = CoincidenceAccumulator(categories: 2)
            var raters = RaterAgreement(categories: 2)
            if r >= 1 {
                let histogram = CharacterSweep.coverageHistogram(lists, units: space.size)
                for (k, weight) in histogram.enumerated() where weight > 0 {
                    let counts = CategoryCounts(counts: [k, r - k])
                    fleiss.add(counts, weight: Double(weight))
                    alpha.add(counts, weight: Double(weight))
                    raters.add(counts, weight: Double(weight))
                }
            }
            let fleissKappa: Estimate
            let alphaEstimate: Estimate
            var ac1: Double? = nil
            var bp: Double? = nil
            if r < 2 {
                fleissKappa = .undefined(Why.fewerThanTwoCoders)
                alphaEstimate = .undefined(Why.fewerThanTwoCoders)
            } else if space.size == 0 {
                fleissKappa = .undefined("there are no units")
                alphaEstimate = .undefined("there are no units")
            } else {
                fleissKappa = fleiss.estimate
                alphaEstimate = alpha.alpha
                ac1 = Gwet.ac1(raters).value
                if let pa = raters.pairAgreement {
                    bp = BrennanPrediger.kappa(observedAgreement: pa, categories: 2).value
                }
            }
            results.append(
                CodeAgreement(
                    code: code.path, id: code.id, present: lists.map(Intervals.length), pairs: pairResults,
                    fleissKappa: fleissKappa, krippendorffAlpha: alphaEstimate, gwetAc1: ac1, brennanPrediger: bp,
                    unitizingAlpha: input.unitizingAlpha(code: c)))
            tables.append(pairTables)
            coincidences.append(alpha)
        }
        return (results, tables, coincidences)
    }

    func report() -> (codes: [CodeAgreement], overall: OverallAgreement) {
        let (codes, tables, coincidences) = self.codes()
        var alpha = CoincidenceAccumulator(categories: 2)
        for c in coincidences { alpha.add(c) }
        let alphaEstimate: Estimate
        if input.coders.count < 2 {
            alphaEstimate = .undefined(Why.fewerThanTwoCoders)
        } else if input.codes.isEmpty || space.size == 0 {
            alphaEstimate = .undefined("there are no (unit, code) items")
        } else {
            alphaEstimate = alpha.alpha
        }
        let overall = Overall.make(
            input: input, codes: codes, tables: tables, alpha: alphaEstimate,
            pairStatistics: { PairStatistics.presence(coders: $0, table: $1) })
        return (codes, overall)
    }
}
