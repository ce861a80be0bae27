import Crypto
import Foundation

/// An event's envelope and body without its signature: what validation and
/// projection read. They never see a signature, so none is made up while a
/// batch is still being signed.
public struct UnsignedEvent: Sendable, Equatable {
    public let id: EventID
    public let project: EventID?
    public let author: AuthorID
    public let seq: Int64
    public let prev: EventID?
    public let deps: [EventID]
    public let time: Int64
    public let body: EventBody

    public var type: EventType { body.type }

    /// Ids of the events this one names as its causal past.
    public var parents: [EventID] { (prev.map { [$0] } ?? []) + deps }
}

/// One signed, immutable event: its exact bytes and the envelope and body
/// read from them.
///
/// `bytes` are the RFC 8785 form of the whole object, `id` and `sig`
/// included. They are what is stored and sent; the fields are a parsed view,
/// never re-serialised (DESIGN §3).
public struct Event: Sendable, Equatable {
    public let bytes: [UInt8]
    public let unsigned: UnsignedEvent
    /// The 64-byte Ed25519 signature of the 32 id bytes by `author`.
    public let signature: [UInt8]

    /// The largest event accepted (DESIGN §3).
    public static let maxBytes = 32 * 1024 * 1024

    public static func == (a: Event, b: Event) -> Bool { a.bytes == b.bytes }

    init(bytes: [UInt8], unsigned: UnsignedEvent, signature: [UInt8]) {
        self.bytes = bytes
        self.unsigned = unsigned
        self.signature = signature
    }

    public var eventID: EventID { unsigned.id }
    public var authorID: AuthorID { unsigned.author }
    public var body: EventBody { unsigned.body }
    public var type: EventType { unsigned.type }
    public var seq: Int64 { unsigned.seq }
    public var time: Int64 { unsigned.time }

    // Hex spellings, as every document, table and wire message shows them.
    public var id: String { unsigned.id.hex }
    public var author: String { unsigned.author.hex }
    public var project: String? { unsigned.project?.hex }
    public var prev: String? { unsigned.prev?.hex }
    public var deps: [String] { unsigned.deps.map(\.hex) }
    public var sig: String { Hex.encode(signature) }

    /// Ids of the events this one names as its causal past.
    public var parents: [String] { unsigned.parents.map(\.hex) }
}

extension Event {
    /// Reads an event from its stored or received bytes, refusing anything that
    /// is not exactly canonical, whose id does not match, or whose body breaks
    /// its type's rules (events/README §11.1). The signature is checked
    /// separately (`verifySignature()`), so that callers can spread that cost
    /// over cores.
    public init(bytes: [UInt8]) throws(AccordError) {
        guard bytes.count <= Event.maxBytes else {
            throw .oversize("event is \(bytes.count) bytes; the limit is \(Event.maxBytes)")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw .malformed("not JSON: \(error)") }
        guard CanonicalJSON.encode(value) == bytes else {
            throw .notCanonical("event bytes are not the RFC 8785 canonical form of the object they encode")
        }
        try self.init(value: value, bytes: bytes, checkID: true)
    }

    /// Reads an event this store validated when it arrived: no canonical or id
    /// re-check (that is `verify`'s job), but the envelope and body are read
    /// with their rules, so a damaged store is reported, never trusted blindly.
    public init(stored bytes: [UInt8]) throws(AccordError) {
        if let event = StoredEnvelope.read(bytes) {
            self = event
            return
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw .malformed("stored event is not JSON: \(error)") }
        try self.init(value: value, bytes: bytes, checkID: false)
    }

    /// Reads an event from a parsed object, taking `bytes` as its canonical
    /// form (the caller vouches for that: they came from `CanonicalJSON`).
    init(value: JSONValue, bytes: [UInt8], checkID: Bool) throws(AccordError) {
        guard case .object(var fields) = value else { throw .malformed("an event is a JSON object") }
        func take(_ key: String) -> JSONValue? { fields.removeValue(forKey: key) }
        guard let v = take("v")?.intValue else { throw .malformed("missing integer field `v`") }
        guard v == 1 else { throw .unsupportedVersion("event format version \(v); this accord reads version 1") }
        guard let id = take("id")?.stringValue.flatMap(EventID.init(hex:)) else { throw .malformed("`id` must be 64 lowercase hex digits") }
        guard let sigHex = take("sig")?.stringValue, Hex.isLowercase(sigHex, bytes: 64), let signature = Hex.decode(sigHex) else {
            throw .malformed("`sig` must be 128 lowercase hex digits")
        }
        guard let author = take("author")?.stringValue.flatMap(AuthorID.init(hex:)) else {
            throw .malformed("`author` must be a 64-digit lowercase hex public key")
        }
        guard let seq = take("seq")?.intValue, seq >= 1 else { throw .malformed("`seq` must be an integer ≥ 1") }
        guard let prevValue = take("prev") else { throw .malformed("missing field `prev`") }
        var prev: EventID? = nil
        if !prevValue.isNull {
            guard let p = prevValue.stringValue.flatMap(EventID.init(hex:)) else { throw .malformed("`prev` must be an event id or null") }
            prev = p
        }
        guard let depsValue = take("deps")?.arrayValue else { throw .malformed("`deps` must be an array of event ids") }
        var deps: [EventID] = []
        deps.reserveCapacity(depsValue.count)
        for dep in depsValue {
            guard let d = dep.stringValue.flatMap(EventID.init(hex:)) else { throw .malformed("`deps` must be an array of event ids") }
            deps.append(d)
        }
        guard zip(deps, deps.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .badDeps("`deps` must be sorted and without repeats") }
        if let p = prev, deps.contains(p) { throw .badDeps("`deps` repeats `prev`") }
        guard let time = take("time")?.intValue, time > 0 else { throw .malformed("`time` must be a positive integer (microseconds)") }
        guard let typeName = take("type")?.stringValue else { throw .malformed("missing string field `type`") }
        guard let type = EventType(rawValue: typeName) else { throw .unknownType("unknown event type `\(typeName)`") }
        guard let bodyValue = take("body"), case .object = bodyValue else { throw .malformed("`body` must be an object") }
        var project: EventID? = nil
        if let p = take("project") {
            guard let s = p.stringValue.flatMap(EventID.init(hex:)) else { throw .malformed("`project` must be an event id") }
            project = s
        }
        guard fields.isEmpty else { throw .malformed("unknown envelope field(s): \(fields.keys.sorted().joined(separator: ", "))") }
        if type == .projectCreated {
            guard project == nil, seq == 1, prev == nil, deps.isEmpty else {
                throw .malformed("`project.created` is a genesis event: no `project`, seq 1, no prev, no deps")
            }
        } else if project == nil {
            throw .malformed("missing field `project`")
        }
        if seq == 1, prev != nil { throw .badSeq("seq 1 has no prev") }
        if seq > 1, prev == nil { throw .badSeq("seq \(seq) needs a prev") }

        if checkID {
            var unsigned = value.objectValue!
            unsigned.removeValue(forKey: "id")
            unsigned.removeValue(forKey: "sig")
            let digest = EventID(bytes: SHA256.hash(data: CanonicalJSON.encode(.object(unsigned))))!
            guard digest == id else { throw .badId("id \(id) is not the SHA-256 of the event's canonical bytes (\(digest))") }
        }
        let body = try EventBody(type: type, json: bodyValue)
        self.init(bytes: bytes, unsigned: UnsignedEvent(id: id, project: project, author: author, seq: seq, prev: prev, deps: deps,
                                                        time: time, body: body),
                  signature: signature)
    }

    /// Checks `sig` against `author` over the 32 id bytes.
    public func verifySignature() throws(AccordError) {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: unsigned.author.bytes),
              key.isValidSignature(signature, for: unsigned.id.bytes)
        else { throw .badSignature("signature of event \(id) does not verify against its author's key") }
    }

    /// The envelope as a JSON object (for `show` and the wire).
    public var json: JSONValue {
        (try? JSONParser.parse(bytes)) ?? .null
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
