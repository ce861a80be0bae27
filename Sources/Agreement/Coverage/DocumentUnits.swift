/// The units of one document under one of the fixed-unit schemes (document, paragraph,
/// sentence): what the storage layer caches per document and scheme, so that agreement never
/// re-splits text.
///
/// Units are sorted, disjoint, half-open Unicode scalar ranges `[starts[u], ends[u])`. The
/// document scheme has exactly one unit, the whole document `[0, length)` (also for an empty
/// document, which no coding can then rate).
public struct DocumentUnits: Sendable, Hashable, Codable {
    public var starts: [Int]
    public var ends: [Int]

    public init(starts: [Int], ends: [Int]) {
        precondition(starts.count == ends.count, "one end per start")
        self.starts = starts
        self.ends = ends
    }

    public init(ranges: [Range<Int>]) {
        starts = ranges.map(\.lowerBound)
        ends = ranges.map(\.upperBound)
    }

    /// The units of `text` under `scheme`; nil for `character` and `segment`, which have no
    /// fixed units (they read the coders' spans).
    public init?(text: String, scheme: UnitScheme) {
        switch scheme {
        case .document: self.init(ranges: [0..<ScalarText.count(text)])
        case .paragraph: self.init(ranges: Paragraphs.ranges(in: text))
        case .sentence: self.init(ranges: Sentences.ranges(in: text))
        case .character, .segment: return nil
        }
    }

    public var count: Int { starts.count }

    /// Number of 64-bit words of a bitset over these units.
    public var words: Int { (starts.count + 63) >> 6 }

    public func range(_ u: Int) -> Range<Int> { starts[u]..<ends[u] }

    /// The units a coding of `span` overlaps (a non-empty intersection): a contiguous run,
    /// since units are sorted and disjoint. An empty span overlaps nothing.
    public func units(overlapping span: Range<Int>) -> Range<Int> {
        guard !span.isEmpty else { return 0..<0 }
        // First unit ending after span.lowerBound.
        var lo = 0
        var hi = ends.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if ends[mid] > span.lowerBound { hi = mid } else { lo = mid + 1 }
        }
        var end = lo
        while end < starts.count && starts[end] < span.upperBound { end += 1 }
        return lo..<end
    }

    /// The units lying entirely inside `span` (unit start ≥ span start, unit end ≤ span end).
    public func units(within span: Range<Int>) -> Range<Int> {
        // First unit starting at or after span.lowerBound.
        var lo = 0
        var hi = starts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if starts[mid] >= span.lowerBound { hi = mid } else { lo = mid + 1 }
        }
        var end = lo
        while end < ends.count && ends[end] <= span.upperBound { end += 1 }
        return lo..<end
    }
}
