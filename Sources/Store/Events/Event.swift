import Crypto
import Foundation

/// One signed, immutable event: its exact bytes and the envelope fields read
/// from them.
///
/// `bytes` are the RFC 8785 form of the whole object, `id` and `sig`
/// included. They are what is stored and sent; the fields are a parsed view,
/// never re-serialised (DESIGN §3).
public struct Event: Sendable, Equatable {
    public let bytes: [UInt8]
    public let id: String
    public let sig: String
    public let project: String?
    public let author: String
    public let seq: Int64
    public let prev: String?
    public let deps: [String]
    public let time: Int64
    public let type: EventType
    public let body: JSONValue

    /// The largest event accepted (DESIGN §3).
    public static let maxBytes = 32 * 1024 * 1024

    public static func == (a: Event, b: Event) -> Bool { a.bytes == b.bytes }

    /// An event from parts already known to be consistent (a draft's).
    init(bytes: [UInt8], id: String, sig: String, project: String?, author: String, seq: Int64, prev: String?,
         deps: [String], time: Int64, type: EventType, body: JSONValue) {
        self.bytes = bytes
        self.id = id
        self.sig = sig
        self.project = project
        self.author = author
        self.seq = seq
        self.prev = prev
        self.deps = deps
        self.time = time
        self.type = type
        self.body = body
    }

    /// Ids of the events this one names as its causal past.
    public var parents: [String] { (prev.map { [$0] } ?? []) + deps }
}

extension Event {
    /// Reads an event from its stored or received bytes, refusing anything that
    /// is not exactly canonical or whose id does not match. The signature is
    /// checked separately (`verifySignature()`), so that callers can spread
    /// that cost over cores.
    public init(bytes: [UInt8]) throws(AccordError) {
        guard bytes.count <= Event.maxBytes else {
            throw .oversize("event is \(bytes.count) bytes; the limit is \(Event.maxBytes)")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw .malformed("not JSON: \(error)") }
        guard CanonicalJSON.encode(value) == bytes else {
            throw .notCanonical("event bytes are not the RFC 8785 canonical form of the object they encode")
        }
        try self.init(value: value, bytes: bytes)
    }

    /// Reads an event from a parsed object, taking `bytes` as its canonical
    /// form (the caller vouches for that: they came from `CanonicalJSON`).
    init(value: JSONValue, bytes: [UInt8], checkID: Bool = true) throws(AccordError) {
        guard case .object(var fields) = value else { throw .malformed("an event is a JSON object") }
        func take(_ key: String) -> JSONValue? { fields.removeValue(forKey: key) }
        guard let v = take("v")?.intValue else { throw .malformed("missing integer field `v`") }
        guard v == 1 else { throw .unsupportedVersion("event format version \(v); this accord reads version 1") }
        guard let id = take("id")?.stringValue, Hex.isDigest(id) else { throw .malformed("`id` must be 64 lowercase hex digits") }
        guard let sig = take("sig")?.stringValue, Hex.isLowercase(sig, bytes: 64) else { throw .malformed("`sig` must be 128 lowercase hex digits") }
        guard let author = take("author")?.stringValue, Hex.isDigest(author) else { throw .malformed("`author` must be a 64-digit lowercase hex public key") }
        guard let seq = take("seq")?.intValue, seq >= 1 else { throw .malformed("`seq` must be an integer ≥ 1") }
        guard let prevValue = take("prev") else { throw .malformed("missing field `prev`") }
        var prev: String? = nil
        if !prevValue.isNull {
            guard let p = prevValue.stringValue, Hex.isDigest(p) else { throw .malformed("`prev` must be an event id or null") }
            prev = p
        }
        guard let depsValue = take("deps")?.arrayValue else { throw .malformed("`deps` must be an array of event ids") }
        var deps: [String] = []
        for dep in depsValue {
            guard let d = dep.stringValue, Hex.isDigest(d) else { throw .malformed("`deps` must be an array of event ids") }
            deps.append(d)
        }
        guard deps == deps.sorted(), Set(deps).count == deps.count else { throw .badDeps("`deps` must be sorted and without repeats") }
        if let p = prev, deps.contains(p) { throw .badDeps("`deps` repeats `prev`") }
        guard let time = take("time")?.intValue, time > 0 else { throw .malformed("`time` must be a positive integer (microseconds)") }
        guard let typeName = take("type")?.stringValue else { throw .malformed("missing string field `type`") }
        guard let type = EventType(rawValue: typeName) else { throw .unknownType("unknown event type `\(typeName)`") }
        guard let body = take("body"), case .object = body else { throw .malformed("`body` must be an object") }
        var project: String? = nil
        if let p = take("project") {
            guard let s = p.stringValue, Hex.isDigest(s) else { throw .malformed("`project` must be an event id") }
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
            let digest = Hex.encode(SHA256.hash(data: CanonicalJSON.encode(.object(unsigned))))
            guard digest == id else { throw .badId("id \(id) is not the SHA-256 of the event's canonical bytes (\(digest))") }
            try BodyRules.check(type: type, body: body)
        }

        self.init(bytes: bytes, id: id, sig: sig, project: project, author: author, seq: seq, prev: prev, deps: deps,
                  time: time, type: type, body: body)
    }

    /// Reads an event this store validated when it arrived: no canonical, id
    /// or body re-check (that is `verify`'s job), so replay runs at parse speed.
    public init(stored bytes: [UInt8]) throws(AccordError) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw .malformed("stored event is not JSON: \(error)") }
        try self.init(value: value, bytes: bytes, checkID: false)
    }

    /// Checks `sig` against `author` over the 32 id bytes.
    public func verifySignature() throws(AccordError) {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: Hex.decode(author)!),
              let signature = Hex.decode(sig),
              key.isValidSignature(signature, for: Hex.decode(id)!)
        else { throw .badSignature("signature of event \(id) does not verify against its author's key") }
    }

    /// The envelope as a JSON object (for `show` and the wire).
    public var json: JSONValue {
        (try? JSONParser.parse(bytes)) ?? .null
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
