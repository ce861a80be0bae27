/// The parts of XML Schema the REFI-QDA XSDs use, as data: complex types with
/// a content model (sequences and choices of elements with min/max counts,
/// simple text, or nothing) and typed attributes.
struct SchemaType: Sendable {
    let name: String
    let content: Content
    let attributes: [AttributeRule]
    /// "Either PlainTextContent or plainTextPath MUST be filled, not both" (a rule of the XSD's comments).
    var textEitherInlineOrPath = false

    enum Content: Sendable {
        /// Attributes only.
        case empty
        /// Character data of a simple type, no children.
        case simple(SimpleType)
        /// Children in this order.
        case sequence([Particle])
    }
}

struct AttributeRule: Sendable {
    let name: String
    let type: SimpleType
    let required: Bool
}

/// One entry of a content model: an element or a choice among particles.
indirect enum Particle: Sendable {
    case element(String, TypeReference, min: Int, max: Int)
    case choice([Particle], min: Int, max: Int)

    static let unbounded = Int.max

    /// Element names this particle can start with.
    var names: [String] {
        switch self {
        case .element(let n, _, _, _): return [n]
        case .choice(let ps, _, _): return ps.flatMap(\.names)
        }
    }
}

enum TypeReference: Sendable {
    case complex(String)
    case simple(SimpleType)
}

/// The simple types of the REFI-QDA XSDs, checked after `xs:token` whitespace
/// collapsing where the type is a token.
enum SimpleType: Sendable, Equatable {
    case string
    /// GUIDType: `8-4-4-4-12` hex, optionally in braces.
    case guid
    case boolean
    case dateTime
    case date
    case integer
    /// An `xs:integer` that is a position or offset, so never negative.
    case nonNegativeInteger
    case decimal
    /// RGBType: `#RGB` or `#RRGGBB`.
    case rgb
    case enumeration([String])

    var label: String {
        switch self {
        case .string: return "xs:string"
        case .guid: return "a GUID (8-4-4-4-12 hex digits, optionally in braces)"
        case .boolean: return "xs:boolean (true, false, 1 or 0)"
        case .dateTime: return "xs:dateTime (e.g. 2024-05-01T12:00:00Z)"
        case .date: return "xs:date (e.g. 2024-05-01)"
        case .integer: return "an integer"
        case .nonNegativeInteger: return "an integer ≥ 0"
        case .decimal: return "a decimal number"
        case .rgb: return "a colour #RGB or #RRGGBB"
        case .enumeration(let values): return "one of " + values.joined(separator: ", ")
        }
    }

    func accepts(_ raw: String) -> Bool {
        let token = String(raw.trimmingXMLWhitespace())
        switch self {
        case .string: return true
        case .guid: return REFIGUID.matchesSchema(token)
        case .boolean: return ["true", "false", "1", "0"].contains(token)
        case .dateTime: return REFIDateTime.parse(token) != nil
        case .date: return SimpleType.isDate(token)
        case .integer: return SimpleType.integerValue(token) != nil
        case .nonNegativeInteger: return (SimpleType.integerValue(token) ?? -1) >= 0
        case .decimal: return SimpleType.isDecimal(token)
        case .rgb: return SimpleType.isRGB(token)
        case .enumeration(let values): return values.contains(token)
        }
    }

    /// `[+-]?[0-9]+`, or nil (also when it does not fit an Int).
    static func integerValue(_ s: String) -> Int? {
        var body = Substring(s)
        if body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty, body.dropFirst(body.first == "-" ? 1 : 0).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return Int(body)
    }

    static func isRGB(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.first == UInt8(ascii: "#"), u.count == 4 || u.count == 7 else { return false }
        return u.dropFirst().allSatisfy { hexValue($0) != nil }
    }

    static func isDecimal(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !body.isEmpty, body != "." else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func isDate(_ s: String) -> Bool {
        // An xs:date is an xs:dateTime's date part (optionally with a zone).
        var date = s
        var zone = ""
        if date.hasSuffix("Z") {
            date.removeLast()
            zone = "Z"
        } else if date.count > 6, let sign = date.dropFirst(date.count - 6).first, sign == "+" || sign == "-",
                  date.dropFirst(date.count - 3).first == ":" {
            zone = String(date.suffix(6))
            date.removeLast(6)
        }
        return REFIDateTime.parse(date + "T00:00:00" + zone) != nil
    }
}
