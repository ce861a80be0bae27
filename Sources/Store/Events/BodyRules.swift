import Crypto
import Foundation

/// The shape of each event type's body: the context-free half of validity.
///
/// What a body refers to (documents, codes, codings, members) is checked
/// against the causal past by `Validator`; here only fields, types and
/// self-consistency (a span with start < end, a document whose hash and
/// length match its text).
enum BodyRules {
    static func check(type: EventType, body: JSONValue) throws(AccordError) {
        var reader = BodyReader(body: body.objectValue ?? [:], type: type)
        switch type {
        case .projectCreated:
            _ = try reader.text("name")
            _ = try reader.text("member")
        case .memberAdded:
            _ = try reader.text("name")
            _ = try reader.role("role")
            _ = try reader.keys("keys")
        case .memberChanged:
            _ = try reader.id("member")
            _ = try reader.ids("base")
            let changed = [try reader.optional("name") { r, k throws(AccordError) in try r.text(k) } != nil,
                           try reader.optional("role") { r, k throws(AccordError) in try r.role(k) } != nil,
                           try reader.optional("keys") { r, k throws(AccordError) in try r.keys(k) } != nil]
            guard changed.contains(true) else { throw .badBody("member.changed must change name, role or keys") }
        case .memberRemoved:
            _ = try reader.id("member")
        case .documentAdded:
            _ = try reader.text("title")
            let text = try reader.text("text")
            let sha = try reader.hexDigest("sha256")
            let length = try reader.integer("length")
            _ = try reader.stringMap("meta")
            guard DocumentText.isNormalised(text) else {
                throw .textNotNormalised("document text must use LF line endings and Unicode NFC")
            }
            guard DocumentText.sha256(text) == sha else { throw .badBody("`sha256` is not the SHA-256 of the text") }
            guard Int64(text.unicodeScalars.count) == length else { throw .badBody("`length` is not the text's length in Unicode scalars") }
        case .documentRetired, .documentDone:
            _ = try reader.id("document")
        case .codeDefined:
            _ = try reader.codeName("name")
            _ = try reader.nullableID("parent")
            _ = try reader.string("description")
            _ = try reader.nullableColor("color")
            _ = try reader.bool("exclusive")
        case .codeChanged:
            _ = try reader.id("code")
            _ = try reader.ids("base")
            var changed = false
            if try reader.optional("name", { r, k throws(AccordError) in try r.codeName(k) }) != nil { changed = true }
            if try reader.optional("description", { r, k throws(AccordError) in try r.string(k) }) != nil { changed = true }
            if reader.has("parent") { _ = try reader.nullableID("parent"); changed = true }
            if reader.has("color") { _ = try reader.nullableColor("color"); changed = true }
            if try reader.optional("exclusive", { r, k throws(AccordError) in try r.bool(k) }) != nil { changed = true }
            guard changed else { throw .badBody("code.changed must change at least one of name, description, parent, color, exclusive") }
        case .codeMerged:
            let from = try reader.id("code")
            let into = try reader.id("into")
            guard from != into else { throw .badBody("a code cannot be merged into itself") }
        case .codeRetired:
            _ = try reader.id("code")
        case .segmentCoded:
            _ = try reader.id("document")
            _ = try reader.id("code")
            try reader.span()
        case .segmentUncoded:
            _ = try reader.id("coding")
        case .memoAdded:
            _ = try reader.text("text")
            for key in ["document", "code", "coding"] where reader.has(key) { _ = try reader.id(key) }
        case .adjudicationDecided:
            _ = try reader.id("document")
            try reader.span()
            _ = try reader.ids("codes")
            _ = try reader.string("note")
            _ = try reader.ids("base")
        }
        try reader.finish()
    }
}

/// Reads a body's fields one by one, remembering which were read so that
/// unknown fields are refused (a v1 reader must not silently drop meaning).
struct BodyReader {
    var body: [String: JSONValue]
    let type: EventType
    var seen: Set<String> = []

    init(body: [String: JSONValue], type: EventType) {
        self.body = body
        self.type = type
    }

    func fail(_ message: String) -> AccordError { .badBody("\(type.rawValue): \(message)") }

    func has(_ key: String) -> Bool { body[key] != nil }

    mutating func field(_ key: String) throws(AccordError) -> JSONValue {
        seen.insert(key)
        guard let value = body[key] else { throw fail("missing field `\(key)`") }
        return value
    }

    mutating func optional<T>(_ key: String, _ read: (inout BodyReader, String) throws(AccordError) -> T) throws(AccordError) -> T? {
        guard has(key) else { return nil }
        return try read(&self, key)
    }

    mutating func string(_ key: String) throws(AccordError) -> String {
        guard let s = try field(key).stringValue else { throw fail("`\(key)` must be a string") }
        return s
    }

    mutating func text(_ key: String) throws(AccordError) -> String {
        let s = try string(key)
        guard !s.isEmpty else { throw fail("`\(key)` must not be empty") }
        return s
    }

    mutating func codeName(_ key: String) throws(AccordError) -> String {
        let s = try text(key)
        // Unicode's White_Space property from the standard library's own
        // tables, so every platform draws the line in the same place.
        guard !s.contains("/"), !s.unicodeScalars.first!.properties.isWhitespace, !s.unicodeScalars.last!.properties.isWhitespace else {
            throw fail("a code name has no '/' and no surrounding spaces")
        }
        return s
    }

    mutating func integer(_ key: String) throws(AccordError) -> Int64 {
        guard let i = try field(key).intValue, i >= 0 else { throw fail("`\(key)` must be a non-negative integer") }
        return i
    }

    mutating func bool(_ key: String) throws(AccordError) -> Bool {
        guard let b = try field(key).boolValue else { throw fail("`\(key)` must be true or false") }
        return b
    }

    mutating func id(_ key: String) throws(AccordError) -> String {
        guard let s = try field(key).stringValue, Hex.isDigest(s) else { throw fail("`\(key)` must be an event id") }
        return s
    }

    mutating func hexDigest(_ key: String) throws(AccordError) -> String {
        guard let s = try field(key).stringValue, Hex.isDigest(s) else { throw fail("`\(key)` must be 64 lowercase hex digits") }
        return s
    }

    mutating func nullableID(_ key: String) throws(AccordError) -> String? {
        let value = try field(key)
        if value.isNull { return nil }
        guard let s = value.stringValue, Hex.isDigest(s) else { throw fail("`\(key)` must be an event id or null") }
        return s
    }

    mutating func nullableColor(_ key: String) throws(AccordError) -> String? {
        let value = try field(key)
        if value.isNull { return nil }
        guard let s = value.stringValue, Color.isValid(s) else { throw fail("`\(key)` must be a colour #rrggbb or null") }
        return s
    }

    mutating func ids(_ key: String) throws(AccordError) -> [String] {
        guard let array = try field(key).arrayValue else { throw fail("`\(key)` must be an array of event ids") }
        var out: [String] = []
        for item in array {
            guard let s = item.stringValue, Hex.isDigest(s) else { throw fail("`\(key)` must be an array of event ids") }
            out.append(s)
        }
        guard out == out.sorted(), Set(out).count == out.count else { throw fail("`\(key)` must be sorted and without repeats") }
        return out
    }

    mutating func keys(_ key: String) throws(AccordError) -> [String] {
        let keys = try ids(key)
        guard !keys.isEmpty else { throw fail("`\(key)` must name at least one public key") }
        return keys
    }

    mutating func role(_ key: String) throws(AccordError) -> Role {
        guard let s = try field(key).stringValue, let role = Role(rawValue: s) else {
            throw fail("`\(key)` must be one of lead, coder, auditor, mirror")
        }
        return role
    }

    mutating func stringMap(_ key: String) throws(AccordError) -> [String: String] {
        guard let object = try field(key).objectValue else { throw fail("`\(key)` must be an object of strings") }
        var out: [String: String] = [:]
        for (k, v) in object {
            guard let s = v.stringValue else { throw fail("`\(key)` must be an object of strings") }
            // NFC names keep two spellings of one name from being one key
            // here and two keys to a byte-comparing verifier.
            guard k.unicodeScalars.elementsEqual(k.precomposedStringWithCanonicalMapping.unicodeScalars) else {
                throw fail("`\(key)` names must be in Unicode NFC")
            }
            out[k] = s
        }
        return out
    }

    mutating func span() throws(AccordError) {
        let start = try integer("start")
        let end = try integer("end")
        guard start < end else { throw .emptySpan("span \(start):\(end) is empty: start must be less than end") }
    }

    func finish() throws(AccordError) {
        let unknown = Set(body.keys).subtracting(seen)
        guard unknown.isEmpty else { throw fail("unknown field(s) \(unknown.sorted().joined(separator: ", "))") }
    }
}

/// `#rrggbb` colours as REFI-QDA and the codebook use them.
public enum Color {
    public static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 7 && u[0] == UInt8(ascii: "#") && u[1...].allSatisfy { Hex.nibble($0) != nil }
    }

    /// Accepts `#RGB`, `#RRGGBB` in either case; returns the canonical `#rrggbb`.
    public static func normalise(_ s: String) -> String? {
        var hex = s.lowercased()
        guard hex.hasPrefix("#") else { return nil }
        hex.removeFirst()
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        let candidate = "#" + hex
        return isValid(candidate) ? candidate : nil
    }
}

/// Document text as accord stores it: LF line endings, Unicode NFC, addressed
/// by the SHA-256 of its UTF-8 bytes, so that scalar offsets never drift.
public enum DocumentText {
    public static func normalise(_ raw: String) -> String {
        let lf = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return lf.precomposedStringWithCanonicalMapping
    }

    public static func isNormalised(_ text: String) -> Bool {
        !text.unicodeScalars.contains("\r")
            && text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    public static func sha256(_ text: String) -> String {
        Hex.encode(SHA256.hash(data: Array(text.utf8)))
    }
}
