import Crypto

/// An event before it is signed: the envelope fields, its canonical bytes
/// without `id` and `sig`, and the id those bytes hash to.
///
/// Ids can be computed ahead of signatures (each `prev` names an id, not a
/// signature), so a batch can be chained on one core and signed on all.
/// The body is encoded once; the unsigned and the signed forms are laid out
/// around it in JCS member order (author, body, deps, id, prev, project, seq,
/// sig, time, type, v), which is what encoding the whole object would give.
///
/// A draft may hold any body, valid or not (test vectors and hostile-input
/// tests craft broken ones); `unsigned` is there only when the body was given
/// typed, which is how the store's own appends make drafts.
public struct EventDraft: Sendable {
    public let project: String?
    public let author: String
    public let seq: Int64
    public let prev: String?
    public let deps: [String]
    public let time: Int64
    public let type: EventType
    public let body: JSONValue
    let encodedBody: [UInt8]
    public private(set) var id: String
    /// The typed view, for drafts made from a typed body.
    private(set) var unsigned: UnsignedEvent?

    /// A draft with any body, for crafting events (vectors, hostile-input tests).
    public init(project: String?, author: String, seq: Int64, prev: String?, deps: [String], time: Int64,
                type: EventType, body: JSONValue) {
        self.project = project
        self.author = author
        self.seq = seq
        self.prev = prev
        self.deps = deps
        self.time = time
        self.type = type
        self.body = body
        encodedBody = CanonicalJSON.encode(body)
        id = ""
        unsigned = nil
        id = Hex.encode(SHA256.hash(data: layout(id: nil, signature: nil)))
    }

    /// A draft of a typed body, as the store appends them.
    init(project: EventID?, author: AuthorID, seq: Int64, prev: EventID?, deps: [EventID], time: Int64, body: EventBody) {
        self.project = project?.hex
        self.author = author.hex
        self.seq = seq
        self.prev = prev?.hex
        self.deps = deps.map(\.hex)
        self.time = time
        self.type = body.type
        self.body = body.json
        encodedBody = CanonicalJSON.encode(self.body)
        id = ""
        unsigned = nil
        let digest = SHA256.hash(data: layout(id: nil, signature: nil))
        id = Hex.encode(digest)
        unsigned = UnsignedEvent(id: EventID(bytes: digest)!, project: project, author: author, seq: seq, prev: prev, deps: deps,
                                 time: time, body: body)
    }

    /// The envelope as an object, for callers that want to alter it.
    public var fields: [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "v": 1, "author": .string(author), "seq": .int(seq), "prev": prev.map { .string($0) } ?? .null,
            "deps": .array(deps.map { .string($0) }), "time": .int(time), "type": .string(type.rawValue), "body": body,
        ]
        if let project { fields["project"] = .string(project) }
        return fields
    }

    /// The canonical bytes, with or without `id` and `sig`.
    func layout(id: String?, signature: String?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(encodedBody.count + 400)
        func key(_ name: StaticString) {
            out.append(out.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        key("author"); CanonicalJSON.writeString(author, into: &out)
        key("body"); out.append(contentsOf: encodedBody)
        key("deps"); CanonicalJSON.write(.array(deps.map { .string($0) }), into: &out)
        if let id { key("id"); CanonicalJSON.writeString(id, into: &out) }
        key("prev"); CanonicalJSON.write(prev.map { .string($0) } ?? .null, into: &out)
        if let project { key("project"); CanonicalJSON.writeString(project, into: &out) }
        key("seq"); CanonicalJSON.writeInteger(seq, into: &out)
        if let signature { key("sig"); CanonicalJSON.writeString(signature, into: &out) }
        key("time"); CanonicalJSON.writeInteger(time, into: &out)
        key("type"); CanonicalJSON.writeString(type.rawValue, into: &out)
        key("v"); CanonicalJSON.writeInteger(1, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Whether the signed event stays within `Event.maxBytes`, the most any
    /// replica receives: an event over it would be held here alone and,
    /// since every later event of its author names it, would keep all of
    /// them from syncing. Laid out only when the body comes near the limit.
    var fitsTheSizeLimit: Bool {
        guard encodedBody.count + 67 * deps.count + 1024 > Event.maxBytes else { return true }
        return layout(id: id, signature: String(repeating: "0", count: 128)).count <= Event.maxBytes
    }

    /// The signed event's bytes, whatever the body holds.
    public func signedBytes(by key: SigningKey) -> [UInt8] {
        layout(id: id, signature: key.sign(Hex.decode(id)!))
    }

    /// The signed event of a draft made from a typed body (the store's own appends).
    func signedEvent(by key: SigningKey) -> Event {
        let signature = key.signature(Hex.decode(id)!)
        return Event(bytes: layout(id: id, signature: Hex.encode(signature)), unsigned: unsigned!, signature: signature)
    }

    /// The signed event; refused like any received event when its envelope
    /// or body breaks the rules.
    public func signed(by key: SigningKey) throws(AccordError) -> Event {
        let signature = key.signature(Hex.decode(id)!)
        if let unsigned {
            return Event(bytes: layout(id: id, signature: Hex.encode(signature)), unsigned: unsigned, signature: signature)
        }
        return try Event(bytes: layout(id: id, signature: Hex.encode(signature)))
    }
}
