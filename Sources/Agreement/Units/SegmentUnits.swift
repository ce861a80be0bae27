/// The units of the segment scheme for one code in one document, shared by the report's unit
/// count and by ``computeUnitRatings(_:unit:)``.
///
/// The raters' segments of the code (each rater's list merged where overlapping, see
/// ``Segments/prepare(_:)``) are matched pairwise, one to one, exactly as the pair tables
/// match them (``Segments/match(first:second:overlapPercent:)``). Then:
/// - a segment is *matched* when every other rater has a segment matched with it;
/// - a set of segments, one per rater, all matched with one another is one *agreeing* unit,
///   spanning from the earliest start to the latest end among them (with two raters: each
///   matched pair);
/// - every other segment is a unit of its own: *agreeing* when it is matched (possible only
///   with three or more raters whose pairwise matches do not line up), else *disagreeing*.
///
/// With two raters the units are therefore both + only_first + only_second of the pair table.
enum SegmentUnits {
    struct Unit {
        var span: Range<Int>
        /// Per rater: does the unit hold, or is it matched by, a segment of that rater?
        var raters: [Bool]
        var agreed: Bool
    }

    /// `segments[r]`: rater r's prepared segments of the code in the document.
    static func units(_ segments: [[Range<Int>]], overlapPercent: Double) -> [Unit] {
        let r = segments.count
        guard r > 0 else { return [] }
        // partner[a][b][i]: index of the segment of b matched with a's segment i.
        var partner = segments.map { list in [[Int?]](repeating: [Int?](repeating: nil, count: list.count), count: r) }
        for a in 0..<r {
            for b in (a + 1)..<r {
                for m in Segments.match(first: segments[a], second: segments[b], overlapPercent: overlapPercent) {
                    partner[a][b][m.first] = m.second
                    partner[b][a][m.second] = m.first
                }
            }
        }
        var inClique = segments.map { [Bool](repeating: false, count: $0.count) }
        var result: [Unit] = []
        // Every full set holds exactly one segment of rater 0.
        if r >= 2 {
            for i in segments[0].indices {
                var members: [Int] = [i]
                for b in 1..<r {
                    guard let j = partner[0][b][i] else { break }
                    members.append(j)
                }
                guard members.count == r else { continue }
                var mutual = true
                check: for b in 1..<r {
                    for c in (b + 1)..<r where partner[b][c][members[b]] != members[c] {
                        mutual = false
                        break check
                    }
                }
                guard mutual else { continue }
                var lo = Int.max
                var hi = Int.min
                for (b, j) in members.enumerated() {
                    inClique[b][j] = true
                    lo = min(lo, segments[b][j].lowerBound)
                    hi = max(hi, segments[b][j].upperBound)
                }
                result.append(Unit(span: lo..<hi, raters: [Bool](repeating: true, count: r), agreed: true))
            }
        }
        for a in 0..<r {
            for (i, segment) in segments[a].enumerated() where !inClique[a][i] {
                let raters = (0..<r).map { b in b == a || partner[a][b][i] != nil }
                result.append(Unit(span: segment, raters: raters, agreed: raters.allSatisfy { $0 }))
            }
        }
        result.sort {
            if $0.span.lowerBound != $1.span.lowerBound { return $0.span.lowerBound < $1.span.lowerBound }
            if $0.span.upperBound != $1.span.upperBound { return $0.span.upperBound < $1.span.upperBound }
            return $0.raters.lexicographicallyPrecedes($1.raters) { $0 && !$1 }
        }
        return result
    }
}
