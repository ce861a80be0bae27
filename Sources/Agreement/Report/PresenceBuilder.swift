/// Codes and overall agreement for the character scheme: presence of each code per character
/// as a binary rating per rater, computed on sorted interval lists (never per character).
struct PresenceBuilder {
    let input: PreparedInput
    let space: UnitSpace
    let raters: Raters
    /// `presence[code][rater]`: sorted disjoint ranges of characters rated "present" (in
    /// reference mode only within `rated`, and the reference last).
    let presence: [[[Range<Int>]]]
    /// Reference mode: the characters some decision covers; nil otherwise.
    let rated: [Range<Int>]?
    /// Units compared: every character, or in reference mode the rated ones.
    let units: Int

    init(input: PreparedInput) {
        self.input = input
        let space = UnitSpace(documents: input.documents, lengths: input.lengths, scheme: .character)
        self.space = space
        raters = Raters(coders: input.coders, reference: input.reference?.name)
        var presence = input.spans.map { perCoder in
            perCoder.map { list in
                Intervals.union(list.map { space.units(document: $0.document, span: $0.span) })
            }
        }
        if let reference = input.reference {
            let rated = Intervals.union(reference.decisions.map { space.units(document: $0.document, span: $0.span) })
            for (c, code) in input.codes.enumerated() {
                presence[c] = presence[c].map { Intervals.intersection($0, rated) }
                let listing = reference.decisions.filter { $0.codes.contains(code.id) }
                presence[c].append(Intervals.union(listing.map { space.units(document: $0.document, span: $0.span) }))
            }
            self.rated = rated
            units = Intervals.length(rated)
        } else {
            rated = nil
            units = space.size
        }
        self.presence = presence
    }

    /// Per-code results, the pair tables (for pooling) and each code's coincidence matrix.
    func codes() -> (codes: [CodeAgreement], tables: [[TwoByTwo]], coincidences: [CoincidenceAccumulator]) {
        let names = raters.names
        let r = raters.count
        let pairs = raters.pairs
        let coders = input.coders.count
        var results: [CodeAgreement] = []
        var tables: [[TwoByTwo]] = []
        var coincidences: [CoincidenceAccumulator] = []
        for (c, code) in input.codes.enumerated() {
            let lists = presence[c]
            var pairResults: [PairAgreement] = []
            var pairTables: [TwoByTwo] = []
            for (i, j) in pairs {
                let table = CharacterSweep.table(first: lists[i], second: lists[j], units: units)
                pairTables.append(table)
                pairResults.append(PairStatistics.presence(coders: [names[i], names[j]], table: table))
            }
            // Every rater rates every unit, so the multi-rater coefficients depend only on how
            // many units have k of the r raters rating "present".
            let histogram = r >= 1 ? CharacterSweep.coverageHistogram(lists, units: units) : [units]
            let multi = MultiRater.presence(histogram: histogram, raters: r, units: units, tooFew: raters.tooFew)
            let lengths = lists.map(Intervals.length)
            results.append(
                CodeAgreement(
                    code: code.path, id: code.id, present: Array(lengths[0..<coders]), pairs: pairResults,
                    fleissKappa: multi.fleiss, krippendorffAlpha: multi.alpha, gwetAc1: multi.ac1,
                    brennanPrediger: multi.bp, unitizingAlpha: input.unitizingAlpha(code: c),
                    referencePresent: raters.referenceIndex.map { lengths[$0] }))
            tables.append(pairTables)
            coincidences.append(multi.coincidences)
        }
        return (results, tables, coincidences)
    }

    func report() -> (codes: [CodeAgreement], overall: OverallAgreement) {
        let (codes, tables, coincidences) = self.codes()
        var alpha = CoincidenceAccumulator(categories: 2)
        for c in coincidences { alpha.add(c) }
        let alphaEstimate: Estimate
        if let tooFew = raters.tooFew {
            alphaEstimate = .undefined(tooFew)
        } else if input.codes.isEmpty || units == 0 {
            alphaEstimate = .undefined("there are no (unit, code) items")
        } else {
            alphaEstimate = alpha.alpha
        }
        let overall = Overall.make(
            raters: raters, hasCodes: !input.codes.isEmpty, codes: codes, tables: tables, alpha: alphaEstimate,
            pairStatistics: { PairStatistics.presence(coders: $0, table: $1) })
        return (codes, overall)
    }
}
