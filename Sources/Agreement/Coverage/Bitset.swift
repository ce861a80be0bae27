/// Bitsets over the units of one document, one bit per unit (bit u of word u / 64).
/// Hand-written because the standard library has no bitset type and these few loops are the
/// whole hot path of agreement on fixed units.
enum Bitset {
    /// Sets bits `range` in `words` (which must be long enough).
    @inline(__always)
    static func set(_ range: Range<Int>, in words: inout [UInt64]) {
        guard !range.isEmpty else { return }
        var u = range.lowerBound
        let end = range.upperBound
        while u < end {
            let w = u >> 6
            let bit = u & 63
            let take = min(64 - bit, end - u)
            let mask: UInt64 = take == 64 ? ~0 : ((UInt64(1) << UInt64(take)) - 1) << UInt64(bit)
            words[w] |= mask
            u += take
        }
    }

    /// The bits of `0..<count` as a mask for word `w` (all ones except in the last word).
    @inline(__always)
    static func valid(word w: Int, count: Int) -> UInt64 {
        let remaining = count - (w << 6)
        return remaining >= 64 ? ~0 : (UInt64(1) << UInt64(remaining)) - 1
    }

    @inline(__always)
    static func word(_ words: [UInt64], _ w: Int) -> UInt64 {
        w < words.count ? words[w] : 0
    }

    static func count(_ words: [UInt64]) -> Int {
        var n = 0
        for x in words { n &+= x.nonzeroBitCount }
        return n
    }

    /// Calls `body(u)` for every set bit, in increasing order.
    @inline(__always)
    static func forEach(_ words: [UInt64], _ body: (Int) -> Void) {
        for (w, word) in words.enumerated() {
            var x = word
            while x != 0 {
                body((w << 6) | x.trailingZeroBitCount)
                x &= x &- 1
            }
        }
    }
}
