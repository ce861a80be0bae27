/// ``DocumentUnits`` as compact bytes, for a store to keep: the number of units, then per
/// unit the gap from the previous unit's end and its length, each an unsigned LEB128 varint.
/// Units are sorted and disjoint, so both are small (a paragraph's boundaries take about
/// three bytes, against some hundred bytes of its text).
///
/// Hand-written: a few lines of varints, where a general encoder (JSON, property lists)
/// would spend more bytes than the text's own paragraphs save and more time than splitting
/// the text again.
extension DocumentUnits {
    /// The name a store keeps `scheme`'s units under: the scheme and the version of its
    /// splitter, which changes whenever the splitter would cut some text differently, so that
    /// units cut by an older one are never read as the current ones. Nil for the document
    /// scheme (its one unit is the document's length) and the schemes without fixed units.
    public static func storedName(_ scheme: UnitScheme) -> String? {
        switch scheme {
        case .paragraph: return "paragraph/1"
        case .sentence: return "sentence/1"
        case .document, .character, .segment: return nil
        }
    }

    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 + starts.count * 3)
        Self.append(UInt64(starts.count), to: &out)
        var previous = 0
        for u in starts.indices {
            Self.append(UInt64(starts[u] - previous), to: &out)
            Self.append(UInt64(ends[u] - starts[u]), to: &out)
            previous = ends[u]
        }
        return out
    }

    /// The units `bytes` spells; nil unless they are exactly such an encoding (a cache read
    /// back must never pass for units it is not).
    public init?(bytes: [UInt8]) {
        var at = 0
        func next() -> Int? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while at < bytes.count, shift < 63 {
                let byte = bytes[at]
                at += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return value <= UInt64(Int32.max) ? Int(value) : nil }
                shift += 7
            }
            return nil
        }
        guard let count = next(), count <= bytes.count else { return nil }
        var starts: [Int] = [], ends: [Int] = []
        starts.reserveCapacity(count)
        ends.reserveCapacity(count)
        var previous = 0
        for _ in 0..<count {
            guard let gap = next(), let length = next() else { return nil }
            let start = previous + gap
            let end = start + length
            guard end <= Int(Int32.max) else { return nil }
            starts.append(start)
            ends.append(end)
            previous = end
        }
        guard at == bytes.count else { return nil }
        self.init(starts: starts, ends: ends)
    }

    private static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}
