/// Lowercase hexadecimal, the one spelling of ids, keys and signatures.
public enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func encode<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? { decode(digits: Array(text.utf8)) }

    /// From hex digits given as UTF-8 bytes (a slice of an event's bytes, say).
    static func decode<C: Collection>(digits: C) -> [UInt8]? where C.Element == UInt8, C.Index == Int {
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = digits.startIndex
        while i < digits.endIndex {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    public static func isLowercase(_ text: String, bytes: Int) -> Bool {
        text.utf8.count == bytes * 2 && text.utf8.allSatisfy { nibble($0) != nil }
    }

    /// A SHA-256 id or an Ed25519 public key: 32 bytes, 64 lowercase hex digits.
    public static func isDigest(_ text: String) -> Bool { isLowercase(text, bytes: 32) }
}
