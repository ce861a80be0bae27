/// Builds the unit ratings of ``computeUnitRatings(_:unit:)``.
///
/// A coder's codes on a unit are kept as a bitmask over the compared codes while the units are
/// visited; the `[String: Set<String>]` of each entry is built once per distinct combination of
/// masks and shared by every unit with that combination (most units repeat a few of them), so
/// the listing costs little more than the visit.
enum RatingsBuilder {
    /// Interns the per-coder code sets of distinct mask combinations.
    struct Interner {
        let coders: [String]
        let codes: [String]
        let maskWords: Int
        private var sets: [[UInt64]: Set<String>] = [:]
        private var combinations: [[UInt64]: (codes: [String: Set<String>], agreed: Bool)] = [:]

        init(coders: [String], codes: [String]) {
            self.coders = coders
            self.codes = codes
            maskWords = max(1, (codes.count + 63) >> 6)
        }

        /// `masks`: coder r's mask in words `r * maskWords ..< (r + 1) * maskWords`.
        mutating func entry(_ masks: [UInt64]) -> (codes: [String: Set<String>], agreed: Bool) {
            if let known = combinations[masks] { return known }
            var result: [String: Set<String>] = [:]
            result.reserveCapacity(coders.count)
            var agreed = true
            for (r, coder) in coders.enumerated() {
                let mask = Array(masks[(r * maskWords)..<((r + 1) * maskWords)])
                if r > 0 && mask != Array(masks[0..<maskWords]) { agreed = false }
                result[coder] = set(mask)
            }
            combinations[masks] = (result, agreed)
            return (result, agreed)
        }

        private mutating func set(_ mask: [UInt64]) -> Set<String> {
            if let known = sets[mask] { return known }
            var s = Set<String>()
            for (w, word) in mask.enumerated() {
                var x = word
                while x != 0 {
                    s.insert(codes[(w << 6) | x.trailingZeroBitCount])
                    x &= x &- 1
                }
            }
            sets[mask] = s
            return s
        }
    }

    /// Fixed units, from coverage bitsets.
    static func ranged(_ coverage: AgreementCoverage) -> [UnitRating] {
        let coders = coverage.coders.count
        let codes = coverage.codes.count
        var interner = Interner(coders: coverage.coders, codes: coverage.codes.map(\.id))
        let maskWords = interner.maskWords
        let stride = coders * maskWords
        var result: [UnitRating] = []
        var masks: [UInt64] = []
        var key = [UInt64](repeating: 0, count: stride)
        var any: [UInt64] = []
        for d in coverage.documents.indices {
            let n = coverage.documents[d].units.count
            let perCode = coverage.documents[d].coverage
            guard n > 0, !perCode.isEmpty else { continue }
            // masks[u * stride + r * maskWords + w]
            masks.removeAll(keepingCapacity: true)
            masks.append(contentsOf: repeatElement(0, count: n * stride))
            any.removeAll(keepingCapacity: true)
            any.append(contentsOf: repeatElement(0, count: coverage.documents[d].units.words))
            for c in 0..<min(codes, perCode.count) {
                let word = c >> 6
                let bit = UInt64(1) << UInt64(c & 63)
                for r in 0..<min(coders, perCode[c].count) where !perCode[c][r].bits.isEmpty {
                    let offset = r * maskWords + word
                    perCode[c][r].bits.withUnsafeBufferPointer { bits in
                        masks.withUnsafeMutableBufferPointer { masks in
                            for w in bits.indices {
                                var x = bits[w]
                                any[w] |= x
                                while x != 0 {
                                    masks[((w << 6) | x.trailingZeroBitCount) * stride + offset] |= bit
                                    x &= x &- 1
                                }
                            }
                        }
                    }
                }
            }
            let id = coverage.documents[d].id
            let starts = coverage.documents[d].units.starts
            let ends = coverage.documents[d].units.ends
            for w in any.indices {
                var x = any[w]
                while x != 0 {
                    let u = (w << 6) | x.trailingZeroBitCount
                    x &= x &- 1
                    for i in 0..<stride { key[i] = masks[u * stride + i] }
                    let entry = interner.entry(key)
                    result.append(UnitRating(document: id, start: starts[u], end: ends[u], codes: entry.codes, agreed: entry.agreed))
                }
            }
        }
        return result
    }

    /// Character units: maximal runs over which every coder's set of codes stays the same.
    static func characters(_ input: PreparedInput) -> [UnitRating] {
        let coders = input.coders.count
        var interner = Interner(coders: input.coders, codes: input.codes.map(\.id))
        let maskWords = interner.maskWords
        let stride = coders * maskWords
        // Per document: boundary events (position, coder, code, +1/−1) of every coder's merged
        // spans of every code.
        struct Event {
            var position: Int
            var slot: Int  // r * maskWords + word
            var bit: UInt64
            var delta: Int
        }
        var events = [[Event]](repeating: [], count: input.documents.count)
        for (c, perCoder) in input.spans.enumerated() {
            for (r, list) in perCoder.enumerated() {
                var perDocument = [Int: [Range<Int>]]()
                for item in list { perDocument[item.document, default: []].append(item.span) }
                let slot = r * maskWords + (c >> 6)
                let bit = UInt64(1) << UInt64(c & 63)
                for (d, spans) in perDocument {
                    for span in Intervals.union(spans) {
                        events[d].append(Event(position: span.lowerBound, slot: slot, bit: bit, delta: 1))
                        events[d].append(Event(position: span.upperBound, slot: slot, bit: bit, delta: -1))
                    }
                }
            }
        }
        var result: [UnitRating] = []
        var state = [UInt64](repeating: 0, count: stride)
        for (d, list) in events.enumerated() where !list.isEmpty {
            let sorted = list.sorted { $0.position < $1.position }
            for i in state.indices { state[i] = 0 }
            var last = 0
            var runStart = 0
            var runKey: [UInt64]? = nil
            func close(at end: Int) {
                guard let key = runKey else { return }
                let entry = interner.entry(key)
                result.append(
                    UnitRating(
                        document: input.documents[d].id, start: runStart, end: end, codes: entry.codes,
                        agreed: entry.agreed))
                runKey = nil
            }
            var i = 0
            while i < sorted.count {
                let position = sorted[i].position
                if position > last {
                    // The state over [last, position).
                    let empty = state.allSatisfy { $0 == 0 }
                    if empty {
                        close(at: last)
                    } else if runKey != state {
                        close(at: last)
                        runStart = last
                        runKey = state
                    }
                    last = position
                }
                // Spans of one coder and code are merged, so a start and an end of the same
                // coder and code never meet at one position.
                while i < sorted.count && sorted[i].position == position {
                    let e = sorted[i]
                    if e.delta > 0 { state[e.slot] |= e.bit } else { state[e.slot] &= ~e.bit }
                    i += 1
                }
            }
            close(at: last)
        }
        return result
    }

    /// Segment units of every code (see ``SegmentUnits``).
    static func segments(_ input: PreparedInput, overlapPercent: Double) -> [UnitRating] {
        let coders = input.coders
        let none = Dictionary(uniqueKeysWithValues: coders.map { ($0, Set<String>()) })
        var perDocument = [[(span: Range<Int>, code: Int, rating: UnitRating)]](repeating: [], count: input.documents.count)
        for (c, code) in input.codes.enumerated() {
            let segments: [[[Range<Int>]]] = input.spans[c].map { list in
                var perDocument = [[Range<Int>]](repeating: [], count: input.documents.count)
                for item in list { perDocument[item.document].append(item.span) }
                return perDocument.map(Segments.prepare)
            }
            let mine: Set<String> = [code.id]
            for d in input.documents.indices {
                for unit in SegmentUnits.units(segments.map { $0[d] }, overlapPercent: overlapPercent) {
                    var codes = none
                    for (r, has) in unit.raters.enumerated() where has { codes[coders[r]] = mine }
                    perDocument[d].append(
                        (unit.span, c,
                         UnitRating(
                            document: input.documents[d].id, start: unit.span.lowerBound, end: unit.span.upperBound,
                            codes: codes, agreed: unit.agreed)))
                }
            }
        }
        var result: [UnitRating] = []
        for list in perDocument {
            // Stable: within one position, code order, then the order SegmentUnits gave.
            let ordered = list.enumerated().sorted { a, b in
                let x = a.element, y = b.element
                if x.span.lowerBound != y.span.lowerBound { return x.span.lowerBound < y.span.lowerBound }
                if x.span.upperBound != y.span.upperBound { return x.span.upperBound < y.span.upperBound }
                if x.code != y.code { return x.code < y.code }
                return a.offset < b.offset
            }
            result.append(contentsOf: ordered.map(\.element.rating))
        }
        return result
    }
}
