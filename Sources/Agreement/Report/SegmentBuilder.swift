/// The segment scheme (MAXQDA style, see ``Segments``): per code and coder pair, the
/// segments of both coders matched at the overlap threshold, summed over documents.
enum SegmentBuilder {
    static let notForSegments =
        "not defined for segment units: each coder's segments are different units, so there is no common set of units every coder rated"

    struct Result {
        var codes: [CodeAgreement]
        var overall: OverallAgreement
        /// Segment units as ``SegmentUnits`` counts them, summed over codes and documents.
        var units: Int
        /// Reference mode: the coders' segments left out because no decision covers them.
        var undecided: Int
        /// Reference mode: all the coders' segments.
        var coderSegments: Int
    }

    /// Each rater's prepared segments of code `c`, `[rater][document]`: the coders', then in
    /// reference mode the reference's (decisions listing the code). Coders' segments no
    /// decision covers entirely are left out in reference mode and counted in `undecided`.
    static func segments(_ input: PreparedInput, code c: Int, undecided: inout Int, total: inout Int) -> [[[Range<Int>]]] {
        var result: [[[Range<Int>]]] = input.spans[c].map { list in
            var perDocument = [[Range<Int>]](repeating: [], count: input.documents.count)
            for item in list { perDocument[item.document].append(item.span) }
            return perDocument.map(Segments.prepare)
        }
        guard let reference = input.reference else { return result }
        var decided = [[Range<Int>]](repeating: [], count: input.documents.count)
        var listing = [[Range<Int>]](repeating: [], count: input.documents.count)
        let id = input.codes[c].id
        for decision in reference.decisions {
            decided[decision.document].append(decision.span)
            if decision.codes.contains(id) { listing[decision.document].append(decision.span) }
        }
        for k in result.indices {
            for d in result[k].indices {
                total += result[k][d].count
                let kept = result[k][d].filter { s in decided[d].contains { $0.lowerBound <= s.lowerBound && s.upperBound <= $0.upperBound } }
                undecided += result[k][d].count - kept.count
                result[k][d] = kept
            }
        }
        result.append(listing.map(Segments.prepare))
        return result
    }

    static func report(_ input: PreparedInput, overlapPercent: Double) -> Result {
        let raters = Raters(coders: input.coders, reference: input.reference?.name)
        let names = raters.names
        let pairs = raters.pairs
        let k = input.codes.count
        var codes: [CodeAgreement] = []
        var tables: [[TwoByTwo]] = []
        var units = 0
        var undecided = 0
        var total = 0
        for (c, code) in input.codes.enumerated() {
            let segments = self.segments(input, code: c, undecided: &undecided, total: &total)
            let present = segments.map { $0.reduce(0) { $0 + $1.count } }
            for d in input.documents.indices {
                units += SegmentUnits.units(segments.map { $0[d] }, overlapPercent: overlapPercent).count
            }
            var pairTables: [TwoByTwo] = []
            var pairResults: [PairAgreement] = []
            for (i, j) in pairs {
                var table = TwoByTwo(both: 0, onlyFirst: 0, onlySecond: 0, neither: 0)
                for d in input.documents.indices {
                    table = table + Segments.table(first: segments[i][d], second: segments[j][d], overlapPercent: overlapPercent)
                }
                pairTables.append(table)
                pairResults.append(PairStatistics.segment(coders: [names[i], names[j]], table: table, codes: k))
            }
            codes.append(
                CodeAgreement(
                    code: code.path, id: code.id, present: Array(present[0..<input.coders.count]), pairs: pairResults,
                    fleissKappa: .undefined(notForSegments), krippendorffAlpha: .undefined(notForSegments),
                    gwetAc1: nil, brennanPrediger: nil, unitizingAlpha: input.unitizingAlpha(code: c),
                    referencePresent: raters.referenceIndex.map { present[$0] }))
            tables.append(pairTables)
        }
        let overall = Overall.make(
            raters: raters, hasCodes: k > 0, codes: codes, tables: tables, alpha: .undefined(notForSegments),
            pairStatistics: { PairStatistics.segment(coders: $0, table: $1, codes: k) })
        return Result(codes: codes, overall: overall, units: units, undecided: undecided, coderSegments: total)
    }
}
