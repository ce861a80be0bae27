/// What one coder did with one code in one document, in the form agreement needs: which units
/// (of one fixed-unit scheme) their codings overlap, and the character spans themselves
/// (unitizing alpha reads them). The storage layer keeps one per (document, code, coder) and
/// rebuilds just that one when a coding of it is added or withdrawn.
public struct CodeCoverage: Sendable, Hashable, Codable {
    /// Bit u (word u / 64, bit u % 64) is set when a coding overlaps unit u. Either empty (no
    /// unit covered) or `units.words` long; bits past the last unit are 0.
    public var bits: [UInt64]
    /// The codings' spans clipped to the document, empty ones dropped, sorted, overlapping ones
    /// merged (touching ones kept apart), as ``UnitizingAlpha`` takes them.
    public var spans: [Range<Int>]
    /// Codings that were empty after clipping to the document (reported as ignored).
    public var ignored: Int

    public static let empty = CodeCoverage(bits: [], spans: [], ignored: 0)

    public init(bits: [UInt64], spans: [Range<Int>], ignored: Int) {
        self.bits = bits
        self.spans = spans
        self.ignored = ignored
    }

    /// The coverage of one coder's codings of one code in one document of `length` scalars,
    /// whose units (under the scheme compared) are `units`. The codings are Unicode scalar
    /// ranges in any order; a coder rates the code present on every unit one of them overlaps.
    public init(codings: [Range<Int>], units: DocumentUnits, length: Int) {
        var clipped: [Range<Int>] = []
        clipped.reserveCapacity(codings.count)
        var ignored = 0
        for c in codings {
            let start = max(0, c.lowerBound)
            let end = min(length, c.upperBound)
            if start < end { clipped.append(start..<end) } else { ignored += 1 }
        }
        self.init(clipped: clipped, units: units, ignored: ignored)
    }

    /// From spans already clipped and non-empty.
    init(clipped: [Range<Int>], units: DocumentUnits, ignored: Int) {
        self.ignored = ignored
        spans = Intervals.mergeOverlapping(clipped)
        var bits: [UInt64] = []
        for span in spans {
            let run = units.units(overlapping: span)
            if run.isEmpty { continue }
            if bits.isEmpty { bits = [UInt64](repeating: 0, count: units.words) }
            Bitset.set(run, in: &bits)
        }
        self.bits = bits
    }

    public var isEmpty: Bool { spans.isEmpty }
}

/// The reference rater's ratings (see ``AgreementReference``) of one document's units.
public struct ReferenceCoverage: Sendable, Hashable, Codable {
    /// Units some decision covers entirely (rated by the reference).
    public var rated: [UInt64]
    /// Per code (in ``AgreementCoverage/codes`` order): rated units where a covering decision
    /// lists the code. Each entry is empty or `units.words` long.
    public var present: [[UInt64]]
    /// Decisions that were empty after clipping to the document (reported as ignored).
    public var ignored: Int

    public init(rated: [UInt64], present: [[UInt64]], ignored: Int) {
        self.rated = rated
        self.present = present
        self.ignored = ignored
    }

    /// The reference's ratings from its decisions in one document: `decisions` are the
    /// decisions' spans with the code ids they list; `codes` the compared code ids in order.
    public init(decisions: [(span: Range<Int>, codes: Set<String>)], units: DocumentUnits, length: Int, codes: [String]) {
        var rated = [UInt64](repeating: 0, count: units.words)
        var present = [[UInt64]](repeating: [], count: codes.count)
        var ignored = 0
        var codeIndex: [String: Int] = [:]
        for (i, c) in codes.enumerated() where codeIndex[c] == nil { codeIndex[c] = i }
        for decision in decisions {
            let span = max(0, decision.span.lowerBound)..<min(length, max(0, decision.span.upperBound))
            guard !span.isEmpty else {
                ignored += 1
                continue
            }
            let run = units.units(within: span)
            guard !run.isEmpty else { continue }
            Bitset.set(run, in: &rated)
            for code in decision.codes {
                guard let c = codeIndex[code] else { continue }
                if present[c].isEmpty { present[c] = [UInt64](repeating: 0, count: units.words) }
                Bitset.set(run, in: &present[c])
            }
        }
        self.init(rated: rated, present: present, ignored: ignored)
    }
}
