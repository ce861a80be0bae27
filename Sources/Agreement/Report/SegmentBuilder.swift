/// The segment scheme (MAXQDA style, see ``Segments``): per code and coder pair, the
/// segments of both coders matched at the overlap threshold, summed over documents.
enum SegmentBuilder {
    static let notForSegments =
        "not defined for segment units: each coder's segments are different units, so there is no common set of units every coder rated"

    static func report(_ input: PreparedInput, overlapPercent: Double)
        -> (codes: [CodeAgreement], overall: OverallAgreement, units: Int)
    {
        let coders = input.coders
        let pairs = input.pairs
        let k = input.codes.count
        var codes: [CodeAgreement] = []
        var tables: [[TwoByTwo]] = []
        var units = 0
        for (c, code) in input.codes.enumerated() {
            // segments[coder][document]
            let segments: [[[Range<Int>]]] = input.spans[c].map { list in
                var perDocument = [[Range<Int>]](repeating: [], count: input.documents.count)
                for item in list { perDocument[item.document].append(item.span) }
                return perDocument.map(Segments.prepare)
            }
            let present = segments.map { $0.reduce(0) { $0 + $1.count } }
            units += present.reduce(0, +)
            var pairTables: [TwoByTwo] = []
            var pairResults: [PairAgreement] = []
            for (i, j) in pairs {
                var table = TwoByTwo(both: 0, onlyFirst: 0, onlySecond: 0, neither: 0)
                for d in input.documents.indices {
                    table = table + Segments.table(first: segments[i][d], second: segments[j][d], overlapPercent: overlapPercent)
                }
                pairTables.append(table)
                pairResults.append(PairStatistics.segment(coders: [coders[i], coders[j]], table: table, codes: k))
            }
            codes.append(
                CodeAgreement(
                    code: code.path, id: code.id, present: present, pairs: pairResults,
                    fleissKappa: .undefined(notForSegments), krippendorffAlpha: .undefined(notForSegments),
                    gwetAc1: nil, brennanPrediger: nil, unitizingAlpha: input.unitizingAlpha(code: c)))
            tables.append(pairTables)
        }
        let overall = Overall.make(
            input: input, codes: codes, tables: tables, alpha: .undefined(notForSegments),
            pairStatistics: { PairStatistics.segment(coders: $0, table: $1, codes: k) })
        return (codes, overall, units)
    }
}
