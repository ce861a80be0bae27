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
        var words: [UInt64] = [0, 0, 0, 0]
        var i = 0
        for byte in bytes {
            guard i < 32 else { return nil }
            words[i >> 3] = words[i >> 3] << 8 | UInt64(byte)
            i += 1
        }
        guard i == 32 else { return nil }
        (w0, w1, w2, w3) = (words[0], words[1], words[2], words[3])
    }

    /// From 64 lowercase hex digits, the only spelling accord writes.
    public init?(hex: String) { self.init(hexBytes: hex.utf8) }

    /// From 64 lowercase hex digits given as UTF-8 bytes (a slice of an event's bytes, say).
    public init?<C: Collection>(hexBytes: C) where C.Element == UInt8 {
        guard hexBytes.count == 64 else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        var i = 0
        for c in hexBytes {
            guard let n = Hex.nibble(c) else { return nil }
            words[i >> 4] = words[i >> 4] << 4 | UInt64(n)
            i += 1
        }
        (w0, w1, w2, w3) = (words[0], words[1], words[2], words[3])
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
        var out = [UInt8](repeating: 0, count: 64)
        var i = 0
        for word in [w0, w1, w2, w3] {
            for shift in stride(from: 60, through: 0, by: -4) {
                out[i] = Hex.digits[Int((word >> UInt64(shift)) & 0xF)]
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
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
