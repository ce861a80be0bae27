/// Krippendorff's unitizing alpha (α_U) for one category, as DKPro Statistics'
/// `KrippendorffAlphaUnitizingAgreement` computes it (the measure INCEpTION reports).
///
/// Krippendorff, K. (1995). On the reliability of unitizing contiguous data. *Sociological
/// Methodology* 25, 47–76; Krippendorff, K. (2004). *Content Analysis*, 2nd ed., §12.
/// The character-level kappas ask "did both coders mark this character?"; α_U also weighs
/// *where units begin and end*: two coders marking the same passage with slightly shifted
/// boundaries disagree by the squared boundary shifts, not by whole characters.
///
/// Each coder's marks split the continuum `[0, L)` into *sections*: their units and the gaps
/// between them. For every pair of coders and every pair of overlapping sections (g, h):
/// - two units disagree by (begin_g − begin_h)² + (end_g − end_h)²;
/// - a unit lying wholly inside the other coder's gap disagrees by its length squared;
/// - anything else (gap against gap, a unit only partly inside a gap) adds nothing.
/// Do = 2 Σ / (R (R − 1) L²) for R coders.
///
/// The expected disagreement considers every placement of the observed units over the
/// continuum; with N_c units of the category in all (every coder), lengths l, and the list of
/// every coder's gap lengths g:
///
///     De = (2 / L) Σ_units [ (N_c − 1)(2l³ − 3l² + l) / 3 + l² Σ_{g ≥ l} (g − l + 1) ]
///          / (R L (R L − 1) − Σ_units l (l − 1))
///
/// and α_U = 1 − Do / De. The gap sum is evaluated with sorted gaps and prefix sums
/// (O(N log N)) rather than DKPro's nested loop; the result is the same.
///
/// Following DKPro, the units of one coder must not overlap: overlapping units of a coder are
/// merged first (units that merely touch stay separate units). α_U is undefined (nil) when no
/// coder marked anything (De = 0) or with fewer than two coders; DKPro returns 0 there.
public enum UnitizingAlpha {
    /// α_U of one category. `units[r]` are coder r's units (any order) on `[0, continuumLength)`;
    /// parts outside the continuum are cut off.
    public static func alpha(units: [[Range<Int>]], continuumLength: Int) -> Estimate {
        guard units.count >= 2 else { return .undefined(Why.fewerThanTwoCoders) }
        guard continuumLength > 0 else { return .undefined("the continuum is empty") }
        let clean = normalize(units, continuumLength)
        guard clean.contains(where: { !$0.isEmpty }) else {
            return .undefined("no coder marked any span, so expected disagreement is 0")
        }
        let dO = observed(clean, continuumLength)
        let dE = expected(clean, continuumLength)
        guard dE > 0 else { return .undefined("expected disagreement is 0") }
        return Estimate(1 - dO / dE)
    }

    /// Do (DKPro `calculateObservedCategoryDisagreement`).
    public static func observedDisagreement(units: [[Range<Int>]], continuumLength: Int) -> Double {
        guard units.count >= 2, continuumLength > 0 else { return 0 }
        return observed(normalize(units, continuumLength), continuumLength)
    }

    /// De (DKPro `calculateExpectedCategoryDisagreement`).
    public static func expectedDisagreement(units: [[Range<Int>]], continuumLength: Int) -> Double {
        guard units.count >= 1, continuumLength > 0 else { return 0 }
        return expected(normalize(units, continuumLength), continuumLength)
    }

    static func normalize(_ units: [[Range<Int>]], _ length: Int) -> [[Range<Int>]] {
        units.map { list in
            Intervals.mergeOverlapping(list.map { max(0, $0.lowerBound)..<min(length, max($0.upperBound, 0)) }
                .filter { !$0.isEmpty })
        }
    }

    /// A unit or a gap of one coder.
    struct Section {
        var begin: Int
        var length: Int
        var isUnit: Bool
        var end: Int { begin + length }
    }

    static func sections(_ units: [Range<Int>], _ length: Int) -> [Section] {
        var result: [Section] = []
        result.reserveCapacity(units.count * 2 + 1)
        var pos = 0
        for u in units {
            if u.lowerBound > pos { result.append(Section(begin: pos, length: u.lowerBound - pos, isUnit: false)) }
            result.append(Section(begin: u.lowerBound, length: u.count, isUnit: true))
            pos = u.upperBound
        }
        if pos < length { result.append(Section(begin: pos, length: length - pos, isUnit: false)) }
        return result
    }

    /// DKPro `measureDistance`.
    static func distance(_ g: Section, _ h: Section) -> Double {
        let beginDiff = Double(g.begin - h.begin)
        if g.isUnit && h.isUnit {
            let endDiff = Double(g.end - h.end)
            return beginDiff * beginDiff + endDiff * endDiff
        }
        if g.isUnit && !h.isUnit && g.begin >= h.begin && g.end <= h.end {
            return Double(g.length) * Double(g.length)
        }
        if !g.isUnit && h.isUnit && h.begin >= g.begin && h.end <= g.end {
            return Double(h.length) * Double(h.length)
        }
        return 0
    }

    static func observed(_ units: [[Range<Int>]], _ length: Int) -> Double {
        let r = units.count
        let all = units.map { sections($0, length) }
        var sum = 0.0
        for a in 0..<r {
            for b in (a + 1)..<r {
                let s1 = all[a]
                let s2 = all[b]
                var i = 0
                var j = 0
                // Sections of each coder tile [0, L); visit every overlapping pair once.
                while i < s1.count && j < s2.count {
                    sum += distance(s1[i], s2[j])
                    let e1 = s1[i].end
                    let e2 = s2[j].end
                    if e1 <= e2 { i += 1 }
                    if e2 <= e1 { j += 1 }
                }
            }
        }
        let l = Double(length)
        return 2 * sum / (Double(r * (r - 1)) * l * l)
    }

    static func expected(_ units: [[Range<Int>]], _ length: Int) -> Double {
        let r = units.count
        var lengths: [Int] = []
        var gaps: [Int] = []
        for list in units {
            var pos = 0
            for u in list {
                if u.lowerBound > pos { gaps.append(u.lowerBound - pos) }
                lengths.append(u.count)
                pos = u.upperBound
            }
            if pos < length { gaps.append(length - pos) }
        }
        let nc = Double(lengths.count)
        gaps.sort()
        // suffix[i] = Σ gaps[i...]
        var suffix = [Int](repeating: 0, count: gaps.count + 1)
        for i in stride(from: gaps.count - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] + gaps[i] }
        var total = 0.0
        var squaredLengths = 0.0
        for l in lengths {
            let ld = Double(l)
            squaredLengths += ld * (ld - 1)
            let sum1 = (nc - 1) * (2 * ld * ld * ld - 3 * ld * ld + ld) / 3
            // First gap ≥ l.
            var lo = 0
            var hi = gaps.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if gaps[mid] >= l { hi = mid } else { lo = mid + 1 }
            }
            let count = gaps.count - lo
            let fits = suffix[lo] - count * (l - 1)  // Σ_{g ≥ l} (g − l + 1), exact
            total += sum1 + ld * ld * Double(fits)
        }
        let len = Double(length)
        let rl = Double(r) * len
        let denominator = rl * (rl - 1) - squaredLengths
        guard denominator > 0 else { return 0 }
        return total * (2 / len) / denominator
    }
}
