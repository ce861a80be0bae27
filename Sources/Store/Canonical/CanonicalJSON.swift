/// RFC 8785 (JSON Canonicalization Scheme) serialisation.
///
/// One event must have exactly one byte string, or two honest replicas could
/// hash the same event to two ids (the trap that split Secure Scuttlebutt's
/// implementations). JCS fixes that encoding: object members sorted by the
/// UTF-16 code units of their names, no insignificant whitespace, strings with
/// the minimal escapes, numbers in ECMAScript's shortest round-trip form.
public enum CanonicalJSON {
    /// The canonical UTF-8 bytes of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    /// The canonical bytes as a `String`, for display and tests.
    public static func string(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    public static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case .int(let i): writeInteger(i, into: &out)
        case .double(let d): out.append(contentsOf: ECMAScriptNumber.format(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (n, key) in sortedKeys(members.keys).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(members[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Member names in JCS order: by UTF-16 code units, not by scalars or
    /// bytes. For ASCII names (every name accord writes) the two orders are
    /// the bytes' order, so that is checked once per object, not per comparison.
    static func sortedKeys(_ names: some Collection<String>) -> [String] {
        if names.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        return names.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
    }

    static func writeInteger(_ value: Int64, into out: inout [UInt8]) {
        if value == 0 { out.append(UInt8(ascii: "0")); return }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        // Digits least significant first, then reversed in place: no buffer
        // of their own per number.
        let first = out.count
        var magnitude = value.magnitude
        while magnitude > 0 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        out[first...].reverse()
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            // Most strings (ids, names, times) need no escape: copied whole.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes { writeEscaping(byte, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func writeEscaping(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x00..<0x20:
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        default: out.append(byte)
        }
    }
}

/// ECMAScript `Number.prototype.toString` (ECMA-262 §7.1.12.1), which RFC 8785
/// §3.2.2.3 makes the canonical number form.
enum ECMAScriptNumber {
    static func format(_ x: Double) -> String {
        precondition(x.isFinite, "JSON has no NaN or Infinity")
        if x == 0 { return "0" }
        if x < 0 { return "-" + format(-x) }
        // Swift's description is the shortest round-trip digit string; take
        // its digits and decimal exponent and lay them out the ECMAScript way.
        let description = "\(x)"
        var mantissa = Substring(description)
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponent = Int(description[description.index(after: e)...].filter { $0 != "+" })!
        }
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = Array(mantissa.filter { $0 != "." })
        var n = point + exponent
        while digits.first == "0" { digits.removeFirst(); n -= 1 }
        while digits.last == "0" { digits.removeLast() }
        let k = digits.count
        let s = String(digits)
        if k <= n && n <= 21 { return s + String(repeating: "0", count: n - k) }
        if 0 < n && n <= 21 { return String(digits[0..<n]) + "." + String(digits[n...]) }
        if -6 < n && n <= 0 { return "0." + String(repeating: "0", count: -n) + s }
        let e = n - 1
        let sign = e < 0 ? "-" : "+"
        let head = k == 1 ? s : String(digits[0]) + "." + String(digits[1...])
        return head + "e" + sign + String(abs(e))
    }
}
