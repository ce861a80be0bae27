/// Krippendorff's unitizing alpha (α_U) for one category, by the formulas of DKPro Statistics'
/// `KrippendorffAlphaUnitizingAgreement` (dkpro-statistics-agreement,
/// `org.dkpro.statistics.agreement.unitizing`: `calculateObservedCategoryDisagreement`,
/// `calculateExpectedCategoryDisagreement`, `measureDistance`), which implement
/// Krippendorff, K. (1995). On the reliability of unitizing contiguous data. *Sociological
/// Methodology* 25, 47–76, and Krippendorff, K. (2004). *Content Analysis*, 2nd ed., §12.4.
///
/// The character-level kappas ask "did both coders mark this character?"; α_U also weighs
/// *where units begin and end*: two coders marking the same passage with slightly shifted
/// boundaries disagree by the squared boundary shifts, not by whole characters.
///
/// **The continuum.** DKPro takes one continuum `[0, L)`. accord's continuum is every compared
/// document: L is the sum of their lengths, and each coder's marks split *each document* into
/// *sections* — their units and the gaps between them, where a gap ends at the end of its
/// document (a document's trailing gap and the next document's leading gap are two gaps, and a
/// document a coder left unmarked is one gap of its whole length). With a single document this
/// is exactly DKPro's computation. Cutting gaps at document boundaries is what makes α_U
/// independent of the order of the documents: laid end to end, one document's trailing gap
/// would merge with whatever document happened to follow it, and the expected disagreement
/// (which counts the placements of units inside gaps) would change with the order. It is also
/// what the model means: a unit can never be placed across two documents.
///
/// **Observed disagreement.** For every pair of coders and every pair of overlapping sections
/// (g, h) of the same document (DKPro `measureDistance`):
/// - two units disagree by (begin_g − begin_h)² + (end_g − end_h)²;
/// - a unit lying wholly inside the other coder's gap disagrees by its length squared;
/// - anything else (gap against gap, a unit only partly inside a gap) adds nothing.
///
/// D_o = 2 Σ / (R (R − 1) L²) for R coders. (Cutting gaps at document boundaries leaves D_o as
/// it would be on the concatenation: no unit crosses a boundary, so "wholly inside a gap" does
/// not change.)
///
/// **Expected disagreement.** With N_c units of the category in all (every coder, every
/// document), lengths l, and the list of every coder's gap lengths g (every document):
///
///     D_e = (2 / L) Σ_units [ (N_c − 1)(2l³ − 3l² + l) / 3 + l² Σ_{g ≥ l} (g − l + 1) ]
///           / (R L (R L − 1) − Σ_units l (l − 1))
///
/// and α_U = 1 − D_o / D_e. The gap sum is evaluated from a histogram or sorted list of the
/// gaps rather than DKPro's nested loop (same value), and every sum runs in an order fixed by
/// the values alone (lengths sorted), so reordering documents gives bit-identical results.
///
/// Units of one coder must not overlap (DKPro's requirement): overlapping units of a coder in
/// a document are merged into one unit first (their union); units that merely touch stay
/// separate units. (INCEpTION, which also calls DKPro, instead drops a coder's later
/// overlapping span and computes one study per document, averaging the results; accord
/// computes one α_U over all compared documents as above.) α_U is undefined (nil) when no coder
/// marked anything (D_e = 0) or with fewer than two coders; DKPro returns NaN or 0 there.
public enum UnitizingAlpha {
    /// α_U of one category over several documents: `units[r][d]` are coder r's units in
    /// document d (offsets within the document, any order), `lengths[d]` is document d's length.
    /// Parts of units outside their document are cut off.
    public static func alpha(units: [[[Range<Int>]]], lengths: [Int]) -> Estimate {
        guard units.count >= 2 else { return .undefined(Why.fewerThanTwoCoders) }
        let total = lengths.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return .undefined("the continuum is empty") }
        let clean = normalize(units, lengths)
        return alpha(normalized: clean, lengths: lengths)
    }

    /// α_U of one category on a single continuum `[0, continuumLength)` (one document).
    public static func alpha(units: [[Range<Int>]], continuumLength: Int) -> Estimate {
        alpha(units: units.map { [$0] }, lengths: [continuumLength])
    }

    /// D_o over several documents (see ``alpha(units:lengths:)``).
    public static func observedDisagreement(units: [[[Range<Int>]]], lengths: [Int]) -> Double {
        let total = lengths.reduce(0) { $0 + max(0, $1) }
        guard units.count >= 2, total > 0 else { return 0 }
        return observed(normalize(units, lengths), lengths, total)
    }

    /// D_e over several documents (see ``alpha(units:lengths:)``).
    public static func expectedDisagreement(units: [[[Range<Int>]]], lengths: [Int]) -> Double {
        let total = lengths.reduce(0) { $0 + max(0, $1) }
        guard units.count >= 1, total > 0 else { return 0 }
        return expected(normalize(units, lengths), lengths, total)
    }

    /// D_o on one continuum (DKPro `calculateObservedCategoryDisagreement`).
    public static func observedDisagreement(units: [[Range<Int>]], continuumLength: Int) -> Double {
        observedDisagreement(units: units.map { [$0] }, lengths: [continuumLength])
    }

    /// D_e on one continuum (DKPro `calculateExpectedCategoryDisagreement`).
    public static func expectedDisagreement(units: [[Range<Int>]], continuumLength: Int) -> Double {
        expectedDisagreement(units: units.map { [$0] }, lengths: [continuumLength])
    }

    /// α_U from units already clipped to their documents, sorted and merged where overlapping
    /// (as ``normalize(_:_:)`` leaves them); the report calls this with cached spans.
    static func alpha(normalized clean: [[[Range<Int>]]], lengths: [Int]) -> Estimate {
        guard clean.count >= 2 else { return .undefined(Why.fewerThanTwoCoders) }
        let total = lengths.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return .undefined("the continuum is empty") }
        guard clean.contains(where: { $0.contains { !$0.isEmpty } }) else {
            return .undefined("no coder marked any span, so expected disagreement is 0")
        }
        let dO = observed(clean, lengths, total)
        let dE = expected(clean, lengths, total)
        guard dE > 0 else { return .undefined("expected disagreement is 0") }
        return Estimate(1 - dO / dE)
    }

    /// Each coder's units per document: clipped to the document, empty ones dropped, sorted,
    /// overlapping ones merged (touching ones kept apart).
    static func normalize(_ units: [[[Range<Int>]]], _ lengths: [Int]) -> [[[Range<Int>]]] {
        units.map { perDocument in
            lengths.indices.map { d in
                guard d < perDocument.count else { return [] }
                let length = max(0, lengths[d])
                return normalize(perDocument[d], length: length)
            }
        }
    }

    /// One coder's units in one document of `length`: clipped, sorted, overlapping ones merged.
    static func normalize(_ list: [Range<Int>], length: Int) -> [Range<Int>] {
        Intervals.mergeOverlapping(
            list.map { max(0, $0.lowerBound)..<min(length, max($0.upperBound, 0)) }.filter { !$0.isEmpty })
    }

    /// Σ of the distances (DKPro `measureDistance`) of every overlapping pair of sections —
    /// units and gaps — of two coders in one document:
    /// - two units: (begin_g − begin_h)² + (end_g − end_h)²;
    /// - a unit lying wholly inside the other coder's gap: its length squared;
    /// - anything else (gap against gap, a unit only partly inside a gap): 0.
    /// A unit lies wholly inside one of the other coder's gaps exactly when it overlaps none of
    /// their units, so one merge over the two coders' units (sorted, disjoint) visits every
    /// non-zero term once without building the gaps. Every term is an integer well below 2⁵³,
    /// so the sum is exact whatever its order (until it passes 2⁵³, far beyond any corpus).
    static func pairSum(_ a: [Range<Int>], _ b: [Range<Int>]) -> Double {
        if a.isEmpty && b.isEmpty { return 0 }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var sum = 0.0
                var i = 0
                var j = 0
                var aHit = false  // a[i] overlapped some unit of b
                var bHit = false
                while i < a.count && j < b.count {
                    let x = a[i]
                    let y = b[j]
                    if x.upperBound <= y.lowerBound {
                        if !aHit { sum += Double(x.count) * Double(x.count) }
                        i += 1
                        aHit = false
                    } else if y.upperBound <= x.lowerBound {
                        if !bHit { sum += Double(y.count) * Double(y.count) }
                        j += 1
                        bHit = false
                    } else {
                        let dBegin = Double(x.lowerBound - y.lowerBound)
                        let dEnd = Double(x.upperBound - y.upperBound)
                        sum += dBegin * dBegin + dEnd * dEnd
                        aHit = true
                        bHit = true
                        if x.upperBound <= y.upperBound {
                            i += 1
                            aHit = false
                        }
                        if y.upperBound <= x.upperBound {
                            j += 1
                            bHit = false
                        }
                    }
                }
                while i < a.count {
                    if !aHit { sum += Double(a[i].count) * Double(a[i].count) }
                    i += 1
                    aHit = false
                }
                while j < b.count {
                    if !bHit { sum += Double(b[j].count) * Double(b[j].count) }
                    j += 1
                    bHit = false
                }
                return sum
            }
        }
    }

    static func observed(_ units: [[[Range<Int>]]], _ lengths: [Int], _ total: Int) -> Double {
        let r = units.count
        var sum = 0.0
        for a in 0..<r {
            for b in (a + 1)..<r {
                for d in lengths.indices where lengths[d] > 0 {
                    sum += pairSum(units[a][d], units[b][d])
                }
            }
        }
        let l = Double(total)
        return 2 * sum / (Double(r * (r - 1)) * l * l)
    }

    static func expected(_ units: [[[Range<Int>]]], _ lengths: [Int], _ total: Int) -> Double {
        let r = units.count
        var unitLengths: [Int] = []
        var gaps: [Int] = []
        for perDocument in units {
            for (d, list) in perDocument.enumerated() {
                let length = max(0, lengths[d])
                var pos = 0
                for u in list {
                    if u.lowerBound > pos { gaps.append(u.lowerBound - pos) }
                    unitLengths.append(u.count)
                    pos = u.upperBound
                }
                if pos < length { gaps.append(length - pos) }
            }
        }
        guard !unitLengths.isEmpty else { return 0 }
        let fits = GapFits(gaps)
        let nc = Double(unitLengths.count)
        var sum = 0.0
        var squaredLengths = 0.0
        // Each distinct length once, ascending, times how many units have it: a fixed order.
        for (l, count) in Counted(unitLengths) {
            let ld = Double(l)
            let n = Double(count)
            squaredLengths += n * ld * (ld - 1)
            let placements = (nc - 1) * (2 * ld * ld * ld - 3 * ld * ld + ld) / 3
            sum += n * (placements + ld * ld * Double(fits.sum(atLeast: l)))
        }
        let len = Double(total)
        let rl = Double(r) * len
        let denominator = rl * (rl - 1) - squaredLengths
        guard denominator > 0 else { return 0 }
        return sum * (2 / len) / denominator
    }

    /// The distinct values of a list of non-negative integers, ascending, with their counts:
    /// from a histogram when the largest value is small compared with the count, else sorted.
    struct Counted: Sequence {
        private var pairs: [(value: Int, count: Int)] = []

        init(_ values: [Int]) {
            let largest = values.max() ?? 0
            if largest <= 4 * values.count + 4096 {
                var histogram = [Int](repeating: 0, count: largest + 1)
                for v in values { histogram[v] += 1 }
                for (v, n) in histogram.enumerated() where n > 0 { pairs.append((v, n)) }
            } else {
                for v in values.sorted() {
                    if let last = pairs.last, last.value == v {
                        pairs[pairs.count - 1].count += 1
                    } else {
                        pairs.append((v, 1))
                    }
                }
            }
        }

        func makeIterator() -> IndexingIterator<[(value: Int, count: Int)]> { pairs.makeIterator() }
    }

    /// Σ_{g ≥ l} (g − l + 1) over a list of gap lengths, for any l: from a histogram of the
    /// lengths with suffix sums when the longest gap is short compared with the number of gaps
    /// (the usual case: many documents), else from the sorted gaps with prefix sums.
    struct GapFits {
        // Histogram form: count[x] / total[x] = number / sum of gaps of length ≥ x.
        private var countAtLeast: [Int] = []
        private var sumAtLeast: [Int] = []
        // Sorted form.
        private var sorted: [Int] = []
        private var suffix: [Int] = []
        private let histogram: Bool

        init(_ gaps: [Int]) {
            let longest = gaps.max() ?? 0
            histogram = longest <= 4 * gaps.count + 4096
            if histogram {
                var count = [Int](repeating: 0, count: longest + 2)
                for g in gaps { count[g] += 1 }
                var sums = [Int](repeating: 0, count: longest + 2)
                var runningCount = 0
                var runningSum = 0
                for x in stride(from: longest, through: 0, by: -1) {
                    runningCount += count[x]
                    runningSum += count[x] * x
                    count[x] = runningCount
                    sums[x] = runningSum
                }
                countAtLeast = count
                sumAtLeast = sums
            } else {
                sorted = gaps.sorted()
                suffix = [Int](repeating: 0, count: sorted.count + 1)
                for i in stride(from: sorted.count - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] + sorted[i] }
            }
        }

        /// Σ_{g ≥ l} (g − l + 1), exact.
        func sum(atLeast l: Int) -> Int {
            if histogram {
                guard l < countAtLeast.count else { return 0 }
                let x = max(l, 0)
                return sumAtLeast[x] - countAtLeast[x] * (l - 1)
            }
            var lo = 0
            var hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] >= l { hi = mid } else { lo = mid + 1 }
            }
            return suffix[lo] - (sorted.count - lo) * (l - 1)
        }
    }
}
