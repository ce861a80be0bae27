/// Tables and rating profiles by sweeping sorted interval boundaries.
///
/// The character scheme has one unit per Unicode scalar — millions for a large corpus — so
/// nothing here visits units. A coder's codings of a code are merged into sorted disjoint
/// ranges over the unit index space (see ``Intervals``); a 2×2 table is then a two-pointer
/// merge, and a multi-coder profile is a sweep over the sorted boundaries of every coder's
/// ranges, emitting each stretch over which nobody's state changes once, with its length as
/// weight. Paragraph and sentence units go through the same code with paragraph or sentence
/// indices as positions.
public enum CharacterSweep {
    /// The 2×2 presence table of two coders over `units` positions, from their sorted
    /// disjoint covered ranges: both = |A ∩ B|, only_first = |A| − both,
    /// only_second = |B| − both, neither = units − |A ∪ B|.
    public static func table(first: [Range<Int>], second: [Range<Int>], units: Int) -> TwoByTwo {
        let both = Intervals.intersectionLength(first, second)
        let a = Intervals.length(first)
        let b = Intervals.length(second)
        return TwoByTwo(both: both, onlyFirst: a - both, onlySecond: b - both, neither: units - a - b + both)
    }

    /// `h[k]` = number of positions in `0..<units` covered by exactly k of the lists
    /// (each list sorted and disjoint), for k = 0...lists.count.
    public static func coverageHistogram(_ lists: [[Range<Int>]], units: Int) -> [Int] {
        var events: [(position: Int, delta: Int)] = []
        events.reserveCapacity(lists.reduce(0) { $0 + 2 * $1.count })
        for list in lists {
            for range in list where !range.isEmpty {
                events.append((range.lowerBound, 1))
                events.append((range.upperBound, -1))
            }
        }
        events.sort { $0.position < $1.position }
        var histogram = [Int](repeating: 0, count: lists.count + 1)
        var covered = 0
        var depth = 0
        var last = 0
        for event in events {
            if event.position > last {
                let length = event.position - last
                histogram[depth] += length
                if depth > 0 { covered += length }
                last = event.position
            }
            depth += event.delta
        }
        histogram[0] = units - covered
        return histogram
    }

    /// A coder's state on a stretch of a categorical variable.
    enum State: Equatable {
        case missing
        case category(Int)
        /// Two or more categories at once.
        case multiple
    }

    /// Sweeps `coders[r][k]` — coder r's sorted disjoint ranges for category k — and calls
    /// `body(stretch, states)` for every maximal stretch on which at least one coder has a
    /// category and nobody's state changes.
    static func sweepCategories(
        _ coders: [[[Range<Int>]]], _ body: (Range<Int>, [State]) -> Void
    ) {
        struct Event {
            var position: Int
            var coder: Int
            var category: Int
            var delta: Int
        }
        var events: [Event] = []
        for (r, categories) in coders.enumerated() {
            for (k, list) in categories.enumerated() {
                for range in list where !range.isEmpty {
                    events.append(Event(position: range.lowerBound, coder: r, category: k, delta: 1))
                    events.append(Event(position: range.upperBound, coder: r, category: k, delta: -1))
                }
            }
        }
        events.sort { $0.position < $1.position }
        let r = coders.count
        var active = [Int](repeating: 0, count: r)  // categories active per coder
        var categorySum = [Int](repeating: 0, count: r)  // sum of active category indices
        var activeCoders = 0
        var last = 0
        var states = [State](repeating: .missing, count: r)
        for event in events {
            if event.position > last && activeCoders > 0 {
                for c in 0..<r {
                    switch active[c] {
                    case 0: states[c] = .missing
                    case 1: states[c] = .category(categorySum[c])
                    default: states[c] = .multiple
                    }
                }
                body(last..<event.position, states)
            }
            last = event.position
            if active[event.coder] == 0 { activeCoders += 1 }
            active[event.coder] += event.delta
            categorySum[event.coder] += event.delta * event.category
            if active[event.coder] == 0 { activeCoders -= 1 }
        }
    }
}
