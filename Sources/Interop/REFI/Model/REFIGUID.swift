/// A REFI-QDA GUID. Tools write `8-4-4-4-12` hex digits in either case,
/// sometimes in braces; two spellings of one GUID are the same GUID, so
/// equality and hashing use `value`, the canonical uppercase form without
/// braces. `original` keeps the spelling the file used: the writer writes it
/// back unchanged, so a tool that compares GUIDs as strings recognises its own
/// objects when a project returns to it.
public struct REFIGUID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Uppercase `XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`.
    public let value: String
    /// As written in the file (braces and case kept); equal to `value` for GUIDs made here.
    public let original: String

    /// Parses a GUID in any of the spellings REFI-QDA allows; nil when `text` is not one.
    public init?(_ text: String) {
        var body = Substring(text.trimmingXMLWhitespace())
        if body.hasPrefix("{") && body.hasSuffix("}") && body.count == 38 {
            body = body.dropFirst().dropLast()
        }
        guard REFIGUID.isBareGUID(body) else { return nil }
        value = body.uppercased()
        original = String(text.trimmingXMLWhitespace())
    }

    /// A GUID in canonical form (used for GUIDs this library makes).
    init(canonical: String) {
        value = canonical
        original = canonical
    }

    public static func == (a: REFIGUID, b: REFIGUID) -> Bool { a.value == b.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
    public static func < (a: REFIGUID, b: REFIGUID) -> Bool { a.value < b.value }
    public var description: String { value }

    /// `8-4-4-4-12` hex digits, either case, no braces (the XSD's GUIDType without its braced branch).
    static func isBareGUID<S: StringProtocol>(_ s: S) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 36 else { return false }
        for (i, c) in u.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return false }
            } else {
                guard hexValue(c) != nil else { return false }
            }
        }
        return true
    }

    /// Whether `s` matches the XSD's GUIDType exactly (bare or in braces, no surrounding space).
    static func matchesSchema(_ s: String) -> Bool {
        if s.hasPrefix("{") && s.hasSuffix("}") && s.utf8.count == 38 {
            return isBareGUID(s.dropFirst().dropLast())
        }
        return isBareGUID(s)
    }
}

func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}

extension String {
    /// Without leading and trailing XML whitespace (space, tab, CR, LF): what
    /// `xs:token` values are compared by.
    func trimmingXMLWhitespace() -> Substring {
        let ws: Set<Character> = [" ", "\t", "\r", "\n", "\r\n"]
        var s = Substring(self)
        while let f = s.first, ws.contains(f) { s.removeFirst() }
        while let l = s.last, ws.contains(l) { s.removeLast() }
        return s
    }
}
