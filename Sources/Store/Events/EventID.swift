/// Thirty-two bytes that name something for good: an event's SHA-256 id, or
/// an author's Ed25519 public key.
///
/// Kept as four big-endian words rather than a 64-character string, so that
/// hashing, comparing and storing one costs a few instructions and no
/// allocation; the order of the words is the order of the bytes, which is
/// also the order of the lowercase hex spelling every document and wire
/// message uses.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    let w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// From exactly 32 bytes.
    public init?<S: Sequence>(bytes: S) where S.Element == UInt8 {
        var words = Words()
        var i = 0
        for byte in bytes {
            guard i < 32 else { return nil }
            words.shift(in: UInt64(byte), bits: 8, word: i >> 3)
            i += 1
        }
        guard i == 32 else { return nil }
        (w0, w1, w2, w3) = (words.w0, words.w1, words.w2, words.w3)
    }

    /// From 64 lowercase hex digits, the only spelling accord writes.
    public init?(hex: String) { self.init(hexBytes: hex.utf8) }

    /// From 64 lowercase hex digits given as UTF-8 bytes (a slice of an event's bytes, say).
    public init?<C: Collection>(hexBytes: C) where C.Element == UInt8 {
        guard hexBytes.count == 64 else { return nil }
        var words = Words()
        var i = 0
        for c in hexBytes {
            guard let n = Hex.nibble(c) else { return nil }
            words.shift(in: UInt64(n), bits: 4, word: i >> 4)
            i += 1
        }
        (w0, w1, w2, w3) = (words.w0, words.w1, words.w2, words.w3)
    }

    /// The four words being filled, on the stack: ids are read and spelled
    /// on every event an append, a receive or a read handles, and an array
    /// here was a heap allocation each time.
    private struct Words {
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

        mutating func shift(in value: UInt64, bits: UInt64, word: Int) {
            switch word {
            case 0: w0 = w0 << bits | value
            case 1: w1 = w1 << bits | value
            case 2: w2 = w2 << bits | value
            default: w3 = w3 << bits | value
            }
        }
    }

    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [w0, w1, w2, w3] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { out in
            func spell(_ word: UInt64, at start: Int) {
                for j in 0..<16 {
                    let n = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * j)) & 0xF
                    out[start + j] = n < 10 ? 0x30 + n : 0x57 + n  // "0"…"9", "a"…"f"
                }
            }
            spell(w0, at: 0)
            spell(w1, at: 16)
            spell(w2, at: 32)
            spell(w3, at: 48)
            return 64
        }
    }

    public var description: String { hex }

    /// The first six bytes in hex, as tables show ids.
    public var short: String { String(hex.prefix(12)) }

    public static func < (a: EventID, b: EventID) -> Bool {
        (a.w0, a.w1, a.w2, a.w3) < (b.w0, b.w1, b.w2, b.w3)
    }
}

/// An author is named by its Ed25519 public key, which has the same shape.
public typealias AuthorID = EventID
