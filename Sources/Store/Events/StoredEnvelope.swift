/// Reads a stored event's envelope straight from its canonical bytes.
///
/// A stored event was checked canonical when it arrived, so its keys come in
/// one order (`author`, `body`, `deps`, `id`, `prev`, `project`, `seq`,
/// `sig`, `time`, `type`, `v`) with no whitespace: the envelope can be read
/// field by field, and only the small body goes through the JSON parser.
/// Building the general JSON tree of every event capped `rebuild` and every
/// pass over the log (a member's removal judges every held event again).
///
/// This reads only what is well formed: anything unexpected, including an
/// event that breaks a rule, returns nil, and `Event(stored:)` reads those
/// bytes the general way, which says what is wrong.
struct StoredEnvelope {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    static func read(_ bytes: [UInt8]) -> Event? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = StoredEnvelope(bytes: buffer)
            return reader.event(bytes)
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func event(_ original: [UInt8]) -> Event? {
        guard take("{\"author\":"), let author = id(),
              take(",\"body\":"), let bodyRange = object(),
              take(",\"deps\":["), let deps = ids(),
              take(",\"id\":"), let id = id(),
              take(",\"prev\":")
        else { return nil }
        var prev: EventID? = nil
        if !take("null") {
            guard let p = self.id() else { return nil }
            prev = p
        }
        var project: EventID? = nil
        if take(",\"project\":") {
            guard let p = self.id() else { return nil }
            project = p
        }
        guard take(",\"seq\":"), let seq = integer(), seq >= 1,
              take(",\"sig\":\""), let signature = hex(bytes: 64), take("\""),
              take(",\"time\":"), let time = integer(), time > 0,
              take(",\"type\":\""), let type = typeName(), take("\""),
              take(",\"v\":1}"), at == bytes.count
        else { return nil }
        // The rules `Event(value:bytes:checkID:)` enforces; a break of any is
        // left to it, to name.
        guard zip(deps, deps.dropFirst()).allSatisfy({ $0 < $1 }), prev.map({ !deps.contains($0) }) ?? true,
              type == .projectCreated ? (project == nil && seq == 1 && prev == nil && deps.isEmpty) : project != nil,
              (seq == 1) == (prev == nil),
              let json = try? JSONParser.parse(Array(bytes[bodyRange])),
              let body = try? EventBody(type: type, json: json)
        else { return nil }
        return Event(bytes: original, unsigned: UnsignedEvent(id: id, project: project, author: author, seq: seq, prev: prev,
                                                              deps: deps, time: time, body: body),
                     signature: signature)
    }

    private mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for k in 0..<count where bytes[at + k] != start[k] { return false }
        at += count
        return true
    }

    /// `"` 64 lowercase hex digits `"`.
    private mutating func id() -> EventID? {
        guard at + 66 <= bytes.count, bytes[at] == 0x22, bytes[at + 65] == 0x22,
              let id = EventID(hexBytes: bytes[(at + 1)..<(at + 65)])
        else { return nil }
        at += 66
        return id
    }

    /// Ids separated by commas, then `]`.
    private mutating func ids() -> [EventID]? {
        var out: [EventID] = []
        if take("]") { return out }
        while true {
            guard let id = id() else { return nil }
            out.append(id)
            if take("]") { return out }
            guard take(",") else { return nil }
        }
    }

    private mutating func hex(bytes count: Int) -> [UInt8]? {
        guard at + 2 * count <= bytes.count, let out = Hex.decode(digits: bytes[at..<(at + 2 * count)]) else { return nil }
        at += 2 * count
        return out
    }

    /// A canonical integer: no sign, no leading zero, at most 18 digits.
    private mutating func integer() -> Int64? {
        let start = at
        var value: Int64 = 0
        while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39, at - start < 18 {
            value = value * 10 + Int64(bytes[at] - 0x30)
            at += 1
        }
        guard at > start, bytes[start] != 0x30 || at == start + 1 else { return nil }
        return value
    }

    /// A type name: lowercase letters and dots, nothing to unescape.
    private mutating func typeName() -> EventType? {
        let start = at
        while at < bytes.count, bytes[at] == 0x2E || (bytes[at] >= 0x61 && bytes[at] <= 0x7A) { at += 1 }
        return EventType(rawValue: String(decoding: bytes[start..<at], as: UTF8.self))
    }

    /// The range of one JSON object, skipped over: strings (with their
    /// escapes) are stepped through so that a brace inside one is not counted.
    private mutating func object() -> Range<Int>? {
        guard at < bytes.count, bytes[at] == 0x7B else { return nil }
        let start = at
        var depth = 0
        var inString = false
        while at < bytes.count {
            let c = bytes[at]
            at += 1
            if inString {
                if c == 0x5C { at += 1 } else if c == 0x22 { inString = false }
                continue
            }
            switch c {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return c == 0x7D ? start..<at : nil }
            default: break
            }
        }
        return nil
    }
}
