import Crypto

/// An event before it is signed: the envelope fields, its canonical bytes
/// without `id` and `sig`, and the id those bytes hash to.
///
/// Ids can be computed ahead of signatures (each `prev` names an id, not a
/// signature), so a batch can be chained on one core and signed on all.
/// The body is encoded once; the unsigned and the signed forms are laid out
/// around it in JCS member order (author, body, deps, id, prev, project, seq,
/// sig, time, type, v), which is what encoding the whole object would give.
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
        id = Hex.encode(SHA256.hash(data: layout(id: nil, signature: nil)))
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

    /// The signed event.
    public func signed(by key: SigningKey) -> Event {
        sealed(signature: key.sign(Hex.decode(id)!))
    }

    /// The event with `signature` in place. The envelope was built from typed
    /// parts; the body is the author's business and is judged when the event
    /// is appended or received.
    public func sealed(signature: String) -> Event {
        Event(bytes: layout(id: id, signature: signature), id: id, sig: signature, project: project, author: author, seq: seq,
              prev: prev, deps: deps, time: time, type: type, body: body)
    }
}
