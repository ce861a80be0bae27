/// Reads a body's fields one by one, remembering which were read so that
/// unknown fields are refused (a v1 reader must not silently drop meaning).
struct BodyReader {
    /// Reads `body` as the fields of `type`; `finish()` refuses what was not read.
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
        guard ValueRules.isCodeName(s) else { throw fail("a code name has no '/' and no surrounding spaces") }
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

    mutating func id(_ key: String) throws(AccordError) -> EventID {
        guard let s = try field(key).stringValue, let id = EventID(hex: s) else { throw fail("`\(key)` must be an event id") }
        return id
    }

    mutating func hexDigest(_ key: String) throws(AccordError) -> EventID {
        guard let s = try field(key).stringValue, let digest = EventID(hex: s) else { throw fail("`\(key)` must be 64 lowercase hex digits") }
        return digest
    }

    mutating func nullableID(_ key: String) throws(AccordError) -> EventID? {
        let value = try field(key)
        if value.isNull { return nil }
        guard let s = value.stringValue, let id = EventID(hex: s) else { throw fail("`\(key)` must be an event id or null") }
        return id
    }

    mutating func nullableColor(_ key: String) throws(AccordError) -> String? {
        let value = try field(key)
        if value.isNull { return nil }
        guard let s = value.stringValue, Color.isValid(s) else { throw fail("`\(key)` must be a colour #rrggbb or null") }
        return s
    }

    mutating func guid(_ key: String) throws(AccordError) -> String {
        guard let s = try field(key).stringValue, ValueRules.isGUID(s) else {
            throw fail("`\(key)` must be a GUID: lowercase hex 8-4-4-4-12")
        }
        return s
    }

    mutating func ids(_ key: String) throws(AccordError) -> [EventID] {
        guard let array = try field(key).arrayValue else { throw fail("`\(key)` must be an array of event ids") }
        var out: [EventID] = []
        for item in array {
            guard let s = item.stringValue, let id = EventID(hex: s) else { throw fail("`\(key)` must be an array of event ids") }
            out.append(id)
        }
        guard ValueRules.isSortedUnique(out) else { throw fail("`\(key)` must be sorted and without repeats") }
        return out
    }

    mutating func keys(_ key: String) throws(AccordError) -> [AuthorID] {
        let keys = try ids(key)
        guard !keys.isEmpty else { throw fail("`\(key)` must name at least one public key") }
        guard !keys.contains(where: ValueRules.isSmallOrderKey) else {
            throw fail("`\(key)` names a public key of small order, for which anyone can sign")
        }
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
            guard ValueRules.isNFC(k) else {
                throw fail("`\(key)` names must be in Unicode NFC")
            }
            out[k] = s
        }
        return out
    }

    mutating func span() throws(AccordError) -> (start: Int64, end: Int64) {
        let start = try integer("start")
        let end = try integer("end")
        try ValueRules.span(start, end)
        return (start, end)
    }

    func finish() throws(AccordError) {
        let unknown = Set(body.keys).subtracting(seen)
        guard unknown.isEmpty else { throw fail("unknown field(s) \(unknown.sorted().joined(separator: ", "))") }
    }
}
