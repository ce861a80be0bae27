import Crypto

/// An event before it is signed: the envelope fields, its canonical bytes
/// without `id` and `sig`, and the id those bytes hash to.
///
/// Ids can be computed ahead of signatures (each `prev` names an id, not a
/// signature), so a batch can be chained on one core and signed on all.
public struct EventDraft: Sendable {
    public let fields: [String: JSONValue]
    public let id: String

    public init(project: String?, author: String, seq: Int64, prev: String?, deps: [String], time: Int64,
                type: EventType, body: JSONValue) {
        var fields: [String: JSONValue] = [
            "v": 1, "author": .string(author), "seq": .int(seq), "prev": prev.map { .string($0) } ?? .null,
            "deps": .array(deps.map { .string($0) }), "time": .int(time), "type": .string(type.rawValue), "body": body,
        ]
        if let project { fields["project"] = .string(project) }
        self.fields = fields
        self.id = Hex.encode(SHA256.hash(data: CanonicalJSON.encode(.object(fields))))
    }

    /// The signed event.
    public func signed(by key: SigningKey) -> Event {
        sealed(signature: key.sign(Hex.decode(id)!))
    }

    public func sealed(signature: String) -> Event {
        var whole = fields
        whole["id"] = .string(id)
        whole["sig"] = .string(signature)
        let value = JSONValue.object(whole)
        // The envelope was built from typed parts; the body is the author's
        // business and is judged when the event is appended or received.
        return try! Event(value: value, bytes: CanonicalJSON.encode(value), checkID: false)
    }
}
