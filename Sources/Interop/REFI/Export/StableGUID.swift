extension REFIGUID {
    /// The GUID an accord object exports with, derived from its id (the hex of
    /// a 32-byte SHA-256 or key; at least 16 bytes): the first 16 bytes, with
    /// the RFC 9562 version set to 8 (custom) and the variant to `10`. The same
    /// id always gives the same GUID, so a tool that recognises objects by GUID
    /// (MAXQDA, ATLAS.ti) sees the same code again on every export.
    public static func derived(fromAccordID hex: String) throws(InteropError) -> REFIGUID {
        REFIGUID(canonical: format(try bytes(hex, range: 0..<16)))
    }

    /// A second GUID for the same id, from bytes 16–31 (same version and
    /// variant bits), for the element that accompanies an object: the
    /// `PlainTextSelection` around a coding's `Coding`. Needs a 32-byte id.
    public static func derivedCompanion(fromAccordID hex: String) throws(InteropError) -> REFIGUID {
        REFIGUID(canonical: format(try bytes(hex, range: 16..<32)))
    }

    private static func bytes(_ hex: String, range: Range<Int>) throws(InteropError) -> [UInt8] {
        let u = Array(hex.utf8)
        guard u.count % 2 == 0, u.count / 2 >= range.upperBound else {
            throw .badInput("id `\(hex.prefix(20))` is not the hex of at least \(range.upperBound) bytes")
        }
        var out: [UInt8] = []
        for i in range {
            guard let hi = hexValue(u[2 * i]), let lo = hexValue(u[2 * i + 1]) else {
                throw .badInput("id `\(hex.prefix(20))` is not hexadecimal")
            }
            out.append(hi << 4 | lo)
        }
        out[6] = (out[6] & 0x0F) | 0x80
        out[8] = (out[8] & 0x3F) | 0x80
        return out
    }

    private static func format(_ b: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF")
        var s = ""
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { s.append("-") }
            s.append(digits[Int(byte >> 4)])
            s.append(digits[Int(byte & 0x0F)])
        }
        return s
    }
}
