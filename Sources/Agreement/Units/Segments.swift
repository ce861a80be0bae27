/// MAXQDA-style segment agreement.
///
/// In MAXQDA's "segment agreement" the units are not fixed in advance: they are the coded
/// segments themselves. A segment of coder A with code C counts as agreement when coder B
/// coded C on a segment that overlaps it by at least the chosen percentage (default 90).
///
/// *Overlap* of two segments a and b is |a ∩ b| / |a ∪ b|: the characters both cover, relative
/// to the whole stretch the two cover together (from the earlier start to the later end).
/// This follows MAXQDA's description of the threshold as the overlap relative to the total
/// area of both segments; it is symmetric and stricter than |a ∩ b| / max(|a|, |b|). (The
/// MAXQDA manual page could not be re-checked word for word when this was written; the choice
/// is documented so that it can be changed in one place, ``overlap(_:_:)``.)
///
/// Counting, per code, per document and per coder pair:
/// - each coder's segments of the code are first merged where they overlap (MAXQDA merges a
///   coder's overlapping codings with the same code); touching segments stay separate;
/// - candidate pairs (one segment of each coder) that reach the threshold are matched one to
///   one, best overlap first (ties: earlier segments first), so no segment is counted twice;
///   with thresholds above 50% a segment can only ever reach the threshold with one segment of
///   the other coder anyway;
/// - both = matched pairs (each pair once), only_first = A's unmatched segments,
///   only_second = B's unmatched segments, neither = 0.
///
/// There is no "neither" cell (nobody enumerates the segments no one coded), so Cohen's kappa
/// is meaningless here. As MAXQDA does, the report's kappa for this scheme is Brennan &
/// Prediger's with chance agreement 1/K for K codes in the analysis, and percent agreement is
/// both / (both + only_first + only_second).
public enum Segments {
    /// |a ∩ b| / |a ∪ b| for two segments; 0 when they do not overlap.
    public static func overlap(_ a: Range<Int>, _ b: Range<Int>) -> Double {
        let intersection = min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)
        guard intersection > 0 else { return 0 }
        let union = max(a.upperBound, b.upperBound) - min(a.lowerBound, b.lowerBound)
        return Double(intersection) / Double(union)
    }

    /// Whether two segments overlap by at least `overlapPercent` (0...100; ≤ 0 means any
    /// overlap at all). Compared in integers where possible so that 90% of 10 is exactly 9.
    public static func matches(_ a: Range<Int>, _ b: Range<Int>, overlapPercent: Double) -> Bool {
        let intersection = min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)
        guard intersection > 0 else { return false }
        if overlapPercent <= 0 { return true }
        let union = max(a.upperBound, b.upperBound) - min(a.lowerBound, b.lowerBound)
        return Double(intersection) * 100 >= overlapPercent * Double(union)
    }

    /// One-to-one matches `(index in first, index in second)` between two coders' segments of
    /// one code in one document (each list merged where overlapping, as ``prepare(_:)`` does).
    public static func match(first: [Range<Int>], second: [Range<Int>], overlapPercent: Double)
        -> [(first: Int, second: Int)]
    {
        struct Candidate {
            var i: Int
            var j: Int
            var ratio: Double
        }
        var candidates: [Candidate] = []
        var start = 0
        for (i, a) in first.enumerated() {
            while start < second.count && second[start].upperBound <= a.lowerBound { start += 1 }
            var j = start
            while j < second.count && second[j].lowerBound < a.upperBound {
                if matches(a, second[j], overlapPercent: overlapPercent) {
                    candidates.append(Candidate(i: i, j: j, ratio: overlap(a, second[j])))
                }
                j += 1
            }
        }
        candidates.sort {
            if $0.ratio != $1.ratio { return $0.ratio > $1.ratio }
            if $0.i != $1.i { return $0.i < $1.i }
            return $0.j < $1.j
        }
        var usedFirst = Set<Int>()
        var usedSecond = Set<Int>()
        var result: [(first: Int, second: Int)] = []
        for c in candidates where !usedFirst.contains(c.i) && !usedSecond.contains(c.j) {
            usedFirst.insert(c.i)
            usedSecond.insert(c.j)
            result.append((c.i, c.j))
        }
        return result.sorted { $0.first < $1.first }
    }

    /// The segment table of two coders for one code in one document.
    public static func table(first: [Range<Int>], second: [Range<Int>], overlapPercent: Double) -> TwoByTwo {
        let a = prepare(first)
        let b = prepare(second)
        let both = match(first: a, second: b, overlapPercent: overlapPercent).count
        return TwoByTwo(both: both, onlyFirst: a.count - both, onlySecond: b.count - both, neither: 0)
    }

    /// A coder's segments of one code in one document: sorted, overlapping ones merged.
    public static func prepare(_ segments: [Range<Int>]) -> [Range<Int>] {
        Intervals.mergeOverlapping(segments)
    }
}
