/// The report for the fixed-unit schemes (document, paragraph, sentence), from bitsets of the
/// units each coder covered with each code (see ``AgreementCoverage``).
///
/// Every per-code statistic is a function of a few integer counts — units each rater rated
/// present, units both raters of a pair rated present, and how many units k of the raters
/// rated present — so a code costs a handful of AND/popcount operations per 64 units.
enum CoverageReport {
    static func report(_ coverage: AgreementCoverage) -> AgreementReport {
        let raters = Raters(coders: coverage.coders, reference: coverage.reference)
        var unitCount = 0
        var ratedCount = 0
        for doc in coverage.documents {
            unitCount += doc.units.count
            if raters.reference != nil, let reference = doc.reference {
                ratedCount += Bitset.count(reference.rated)
            }
        }
        let units = raters.reference == nil ? unitCount : ratedCount
        let (codes, tables, coincidences) = codeResults(coverage, raters: raters, units: units)

        var alpha = CoincidenceAccumulator(categories: 2)
        for c in coincidences { alpha.add(c) }
        let alphaEstimate: Estimate
        if let tooFew = raters.tooFew {
            alphaEstimate = .undefined(tooFew)
        } else if coverage.codes.isEmpty || units == 0 {
            alphaEstimate = .undefined("there are no (unit, code) items")
        } else {
            alphaEstimate = alpha.alpha
        }
        let overall = Overall.make(
            raters: raters, hasCodes: !coverage.codes.isEmpty, codes: codes, tables: tables, alpha: alphaEstimate,
            pairStatistics: { PairStatistics.presence(coders: $0, table: $1) })

        var ignored = coverage.ignored
        var ignoredDecisions = coverage.ignoredDecisions
        for doc in coverage.documents {
            for perCode in doc.coverage { for entry in perCode { ignored += entry.ignored } }
            ignoredDecisions += doc.reference?.ignored ?? 0
        }
        let notes = ReportNotes.make(
            scheme: coverage.scheme, ignored: ignored, reference: coverage.reference,
            ignoredDecisions: ignoredDecisions, undecided: unitCount - ratedCount, of: unitCount)
        return AgreementReport(
            unit: coverage.scheme.name, overlapPercent: nil, coders: coverage.coders,
            documents: coverage.documents.count, units: units, codes: codes,
            groups: groups(coverage, raters: raters), overall: overall, notes: notes, reference: coverage.reference)
    }

    /// Per code: the result, the pair tables (for pooling) and the coincidence matrix.
    static func codeResults(_ coverage: AgreementCoverage, raters: Raters, units: Int)
        -> (codes: [CodeAgreement], tables: [[TwoByTwo]], coincidences: [CoincidenceAccumulator])
    {
        let r = raters.count
        let coders = coverage.coders.count
        let pairs = raters.pairs
        let names = raters.names
        let referenceMode = raters.reference != nil
        var planeCount = 1
        while (1 << planeCount) <= r { planeCount += 1 }

        var results: [CodeAgreement] = []
        var tables: [[TwoByTwo]] = []
        var coincidences: [CoincidenceAccumulator] = []
        // Every document's bitsets laid end to end, each document starting on a word, so that a
        // code's counts are a few tight loops over contiguous words.
        var offsets: [Int] = []
        var totalWords = 0
        for doc in coverage.documents {
            offsets.append(totalWords)
            totalWords += doc.units.words
        }
        var rated = [UInt64](repeating: referenceMode ? 0 : ~0, count: totalWords)
        if referenceMode {
            for (d, doc) in coverage.documents.enumerated() {
                guard let reference = doc.reference else { continue }
                copy(reference.rated, into: &rated, at: offsets[d])
            }
        }
        var flat = [[UInt64]](repeating: [UInt64](repeating: 0, count: totalWords), count: r)
        let lengths = coverage.documents.map(\.length)
        for (c, code) in coverage.codes.enumerated() {
            var present = [Int](repeating: 0, count: r)
            var both = [Int](repeating: 0, count: pairs.count)
            var histogram = [Int](repeating: 0, count: r + 1)
            var anything = false
            for k in 0..<r {
                flat[k].withUnsafeMutableBufferPointer { buffer in
                    for i in buffer.indices { buffer[i] = 0 }
                }
            }
            for d in coverage.documents.indices {
                if c < coverage.documents[d].coverage.count {
                    for k in 0..<min(coders, coverage.documents[d].coverage[c].count)
                    where !coverage.documents[d].coverage[c][k].bits.isEmpty {
                        copy(coverage.documents[d].coverage[c][k].bits, into: &flat[k], at: offsets[d])
                        anything = true
                    }
                }
                if referenceMode, let present = coverage.documents[d].reference?.present, c < present.count, !present[c].isEmpty {
                    copy(present[c], into: &flat[coders], at: offsets[d])
                    anything = true
                }
            }
            if anything {
                count(flat, rated: rated, pairs: pairs, planeCount: planeCount, present: &present, both: &both, histogram: &histogram)
            }
            histogram[0] = units - histogram.dropFirst().reduce(0, +)

            var pairTables: [TwoByTwo] = []
            var pairResults: [PairAgreement] = []
            for (p, (i, j)) in pairs.enumerated() {
                let table = TwoByTwo(
                    both: both[p], onlyFirst: present[i] - both[p], onlySecond: present[j] - both[p],
                    neither: units - present[i] - present[j] + both[p])
                pairTables.append(table)
                pairResults.append(PairStatistics.presence(coders: [names[i], names[j]], table: table))
            }
            let multi = MultiRater.presence(histogram: histogram, raters: r, units: units, tooFew: raters.tooFew)
            let unitizing = UnitizingStatistic.alpha(coders: coders, reference: referenceMode) {
                let spans = (0..<coders).map { k in
                    coverage.documents.indices.map { d -> [Range<Int>] in
                        let perCode = coverage.documents[d].coverage
                        return c < perCode.count && k < perCode[c].count ? perCode[c][k].spans : []
                    }
                }
                return UnitizingAlpha.alpha(normalized: spans, lengths: lengths)
            }
            results.append(
                CodeAgreement(
                    code: code.path, id: code.id, present: Array(present[0..<coders]), pairs: pairResults,
                    fleissKappa: multi.fleiss, krippendorffAlpha: multi.alpha, gwetAc1: multi.ac1,
                    brennanPrediger: multi.bp, unitizingAlpha: unitizing,
                    referencePresent: referenceMode ? present[coders] : nil))
            tables.append(pairTables)
            coincidences.append(multi.coincidences)
        }
        return (results, tables, coincidences)
    }

    /// Copies `bits` into `flat` from word `offset` on.
    @inline(__always)
    static func copy(_ bits: [UInt64], into flat: inout [UInt64], at offset: Int) {
        flat.withUnsafeMutableBufferPointer { target in
            bits.withUnsafeBufferPointer { source in
                for w in source.indices { target[offset + w] = source[w] }
            }
        }
    }

    /// Units each rater rated present, units both raters of each pair did, and how many units
    /// k of the raters did (k ≥ 1), over the `rated` units: the bits of the raters are added up
    /// per unit as a bit-sliced counter (`planeCount` bits per unit, one word per plane).
    static func count(
        _ flat: [[UInt64]], rated: [UInt64], pairs: [(Int, Int)], planeCount: Int, present: inout [Int], both: inout [Int],
        histogram: inout [Int]
    ) {
        let r = flat.count
        var words = [UInt64](repeating: 0, count: r)
        var planes = [UInt64](repeating: 0, count: planeCount)
        for w in rated.indices {
            let mask = rated[w]
            var any: UInt64 = 0
            for k in 0..<r {
                let x = flat[k][w] & mask
                words[k] = x
                any |= x
            }
            guard any != 0 else { continue }
            for (p, (i, j)) in pairs.enumerated() { both[p] += (words[i] & words[j]).nonzeroBitCount }
            for p in 0..<planeCount { planes[p] = 0 }
            for k in 0..<r {
                let x = words[k]
                present[k] += x.nonzeroBitCount
                var carry = x
                var p = 0
                while carry != 0 && p < planeCount {
                    let t = planes[p] & carry
                    planes[p] ^= carry
                    carry = t
                    p += 1
                }
            }
            for k in 1..<(r + 1) {
                var m: UInt64 = ~0
                for p in 0..<planeCount { m &= (k >> p) & 1 == 1 ? planes[p] : ~planes[p] }
                histogram[k] += m.nonzeroBitCount
            }
        }
    }

    /// Exclusive groups: each unit's ratings (one category, none, or several) per rater.
    static func groups(_ coverage: AgreementCoverage, raters: Raters) -> [GroupAgreement] {
        let names = raters.names
        let r = raters.count
        let coders = coverage.coders.count
        let referenceMode = raters.reference != nil
        return GroupBuilder.groups(coverage.codes).map { group in
            let q = group.categories.count
            var tally = GroupTally(raters: r, categories: q)
            var multiCount = 0
            var listed: [MultiCodedUnit] = []
            // category[k][rater]
            var category = [[[UInt64]]](repeating: [[UInt64]](repeating: [], count: r), count: q)
            var ratings = [Int](repeating: GroupTally.missing, count: r)
            var multiple = [Bool](repeating: false, count: r)
            for doc in coverage.documents {
                let wordCount = doc.units.words
                guard wordCount > 0 else { continue }
                var rated: [UInt64] = []
                if referenceMode {
                    guard let reference = doc.reference else { continue }
                    rated = reference.rated
                }
                var anything = false
                for (k, c) in group.categories.enumerated() {
                    for rater in 0..<coders {
                        category[k][rater] = doc.entry(code: c, coder: rater).bits
                        if !category[k][rater].isEmpty { anything = true }
                    }
                    if referenceMode {
                        let present = doc.reference!.present
                        category[k][coders] = c < present.count ? present[c] : []
                        if !category[k][coders].isEmpty { anything = true }
                    }
                }
                guard anything else { continue }
                for w in 0..<wordCount {
                    let mask: UInt64 = referenceMode ? Bitset.word(rated, w) : ~0
                    var any: UInt64 = 0
                    for k in 0..<q { for rater in 0..<r { any |= Bitset.word(category[k][rater], w) } }
                    any &= mask
                    while any != 0 {
                        let bit = any.trailingZeroBitCount
                        any &= any &- 1
                        let probe = UInt64(1) << UInt64(bit)
                        var multi = false
                        for rater in 0..<r {
                            ratings[rater] = GroupTally.missing
                            multiple[rater] = false
                            for k in 0..<q where Bitset.word(category[k][rater], w) & probe != 0 {
                                if ratings[rater] == GroupTally.missing {
                                    ratings[rater] = k
                                } else {
                                    multiple[rater] = true
                                    multi = true
                                }
                            }
                        }
                        if multi {
                            let u = (w << 6) | bit
                            multiCount += 1
                            listed.append(
                                MultiCodedUnit(
                                    document: doc.id, start: doc.units.starts[u], end: doc.units.ends[u],
                                    coders: (0..<r).filter { multiple[$0] }.map { names[$0] }))
                        } else {
                            tally.add(ratings, weight: 1)
                        }
                    }
                }
            }
            let stats = tally.statistics(pairs: raters.pairs, names: names, tooFew: raters.tooFew)
            return GroupAgreement(
                group: group.path, categories: group.categories.map { coverage.codes[$0].path }, coders: coverage.coders,
                pairs: stats.pairs, fleissKappa: stats.fleiss, krippendorffAlpha: stats.alpha,
                multiCodedUnits: multiCount, multiCoded: listed, note: nil)
        }
    }
}

/// The multi-rater coefficients of one code's presence, from how many units k of the r raters
/// rated present (every rater rates every unit, so nothing else matters).
enum MultiRater {
    struct Presence {
        var fleiss: Estimate
        var alpha: Estimate
        var ac1: Double?
        var bp: Double?
        var coincidences: CoincidenceAccumulator
    }

    static func presence(histogram: [Int], raters r: Int, units: Int, tooFew: String?) -> Presence {
        var fleiss = FleissAccumulator(categories: 2)
        var alpha = CoincidenceAccumulator(categories: 2)
        var agreement = RaterAgreement(categories: 2)
        if r >= 1 {
            for (k, weight) in histogram.enumerated() where weight > 0 {
                let counts = CategoryCounts(counts: [k, r - k])
                fleiss.add(counts, weight: Double(weight))
                alpha.add(counts, weight: Double(weight))
                agreement.add(counts, weight: Double(weight))
            }
        }
        if let tooFew {
            return Presence(fleiss: .undefined(tooFew), alpha: .undefined(tooFew), ac1: nil, bp: nil, coincidences: alpha)
        }
        if units == 0 {
            return Presence(
                fleiss: .undefined("there are no units"), alpha: .undefined("there are no units"), ac1: nil, bp: nil,
                coincidences: alpha)
        }
        var bp: Double? = nil
        if let pa = agreement.pairAgreement {
            bp = BrennanPrediger.kappa(observedAgreement: pa, categories: 2).value
        }
        return Presence(
            fleiss: fleiss.estimate, alpha: alpha.alpha, ac1: Gwet.ac1(agreement).value, bp: bp, coincidences: alpha)
    }
}
