/// Set operations on sorted lists of half-open integer ranges.
///
/// Every unit scheme except `segment` is reduced to this: a coder's codings of a code become a
/// sorted list of disjoint ranges over a *unit index space* (character offsets for the character
/// scheme, paragraph or sentence indices otherwise), and every 2×2 table, histogram and category
/// profile is computed by merging such lists — never by visiting units one at a time.
public enum Intervals {
    /// Sorts `ranges` and merges those that overlap or touch; empty ranges are dropped.
    /// The result is the set of covered positions as a sorted list of disjoint, non-adjacent ranges.
    public static func union(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var result: [Range<Int>] = []
        result.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = result.last, range.lowerBound <= last.upperBound {
                if range.upperBound > last.upperBound {
                    result[result.count - 1] = last.lowerBound..<range.upperBound
                }
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// Sorts `ranges` and merges only those that share at least one position, keeping
    /// touching ranges (`[0,5)` and `[5,9)`) apart. Used where a range is a *unit* of its own
    /// (segments, unitizing alpha) rather than a set of covered positions.
    public static func mergeOverlapping(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let sorted = ranges.filter { !$0.isEmpty }.sorted {
            $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound < $1.upperBound
        }
        var result: [Range<Int>] = []
        result.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = result.last, range.lowerBound < last.upperBound {
                if range.upperBound > last.upperBound {
                    result[result.count - 1] = last.lowerBound..<range.upperBound
                }
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// Total number of positions covered by sorted disjoint ranges.
    public static func length(_ ranges: [Range<Int>]) -> Int {
        var total = 0
        for range in ranges { total += range.count }
        return total
    }

    /// Number of positions covered by both lists (each sorted and disjoint), by a two-pointer merge.
    public static func intersectionLength(_ a: [Range<Int>], _ b: [Range<Int>]) -> Int {
        var i = 0
        var j = 0
        var total = 0
        while i < a.count && j < b.count {
            let lo = max(a[i].lowerBound, b[j].lowerBound)
            let hi = min(a[i].upperBound, b[j].upperBound)
            if hi > lo { total += hi - lo }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return total
    }

    /// The positions covered by both lists (each sorted and disjoint).
    public static func intersection(_ a: [Range<Int>], _ b: [Range<Int>]) -> [Range<Int>] {
        var i = 0
        var j = 0
        var result: [Range<Int>] = []
        while i < a.count && j < b.count {
            let lo = max(a[i].lowerBound, b[j].lowerBound)
            let hi = min(a[i].upperBound, b[j].upperBound)
            if hi > lo { result.append(lo..<hi) }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return result
    }
}
