/// An event's payload, one typed value per event type (DESIGN §3).
///
/// A body is decoded once, where its rules are checked (events/README §11.1,
/// rule 14), so that validation, projection and reads work with fields the
/// compiler knows, and a malformed stored body is an error, not a crash.
public enum EventBody: Sendable, Equatable {
    case projectCreated(ProjectCreated)
    case memberAdded(MemberAdded)
    case memberChanged(MemberChanged)
    case memberRemoved(MemberRemoved)
    case documentAdded(DocumentAdded)
    case documentRetired(DocumentRetired)
    case codeDefined(CodeDefined)
    case codeChanged(CodeChanged)
    case codeMerged(CodeMerged)
    case codeRetired(CodeRetired)
    case segmentCoded(SegmentCoded)
    case segmentUncoded(SegmentUncoded)
    case memoAdded(MemoAdded)
    case documentDone(DocumentDone)
    case adjudicationDecided(AdjudicationDecided)

    public var type: EventType {
        switch self {
        case .projectCreated: .projectCreated
        case .memberAdded: .memberAdded
        case .memberChanged: .memberChanged
        case .memberRemoved: .memberRemoved
        case .documentAdded: .documentAdded
        case .documentRetired: .documentRetired
        case .codeDefined: .codeDefined
        case .codeChanged: .codeChanged
        case .codeMerged: .codeMerged
        case .codeRetired: .codeRetired
        case .segmentCoded: .segmentCoded
        case .segmentUncoded: .segmentUncoded
        case .memoAdded: .memoAdded
        case .documentDone: .documentDone
        case .adjudicationDecided: .adjudicationDecided
        }
    }
}

extension EventBody {
    /// Decodes and checks a body of `type`: each field's presence and type in
    /// the order events/README §8 lists them, then the self-consistency rules,
    /// then unknown fields, so every implementation reports the same first fault.
    public init(type: EventType, json: JSONValue) throws(AccordError) {
        var r = BodyReader(body: json.objectValue ?? [:], type: type)
        switch type {
        case .projectCreated:
            self = .projectCreated(ProjectCreated(name: try r.text("name"), member: try r.text("member")))
        case .memberAdded:
            self = .memberAdded(MemberAdded(name: try r.text("name"), role: try r.role("role"), keys: try r.keys("keys")))
        case .memberChanged:
            var body = MemberChanged(member: try r.id("member"), base: try r.ids("base"))
            body.name = try r.optional("name") { r, k throws(AccordError) in try r.text(k) }
            body.role = try r.optional("role") { r, k throws(AccordError) in try r.role(k) }
            body.keys = try r.optional("keys") { r, k throws(AccordError) in try r.keys(k) }
            guard body.name != nil || body.role != nil || body.keys != nil else {
                throw .badBody("member.changed must change name, role or keys")
            }
            self = .memberChanged(body)
        case .memberRemoved:
            self = .memberRemoved(MemberRemoved(member: try r.id("member")))
        case .documentAdded:
            let title = try r.text("title")
            let text = try r.text("text")
            let sha = try r.hexDigest("sha256")
            let length = try r.integer("length")
            let meta = try r.stringMap("meta")
            try ValueRules.document(text: text, sha256: sha, length: length)
            self = .documentAdded(DocumentAdded(title: title, text: text, sha256: sha, length: length, meta: meta))
        case .documentRetired:
            self = .documentRetired(DocumentRetired(document: try r.id("document")))
        case .documentDone:
            self = .documentDone(DocumentDone(document: try r.id("document")))
        case .codeDefined:
            self = .codeDefined(CodeDefined(name: try r.codeName("name"), parent: try r.nullableID("parent"),
                                            description: try r.string("description"), color: try r.nullableColor("color"),
                                            exclusive: try r.bool("exclusive"),
                                            guid: try r.optional("guid") { r, k throws(AccordError) in try r.guid(k) },
                                            codable: try r.optional("codable") { r, k throws(AccordError) in try r.bool(k) } ?? true))
        case .codeChanged:
            var body = CodeChanged(code: try r.id("code"), base: try r.ids("base"))
            body.name = try r.optional("name") { r, k throws(AccordError) in try r.codeName(k) }
            body.description = try r.optional("description") { r, k throws(AccordError) in try r.string(k) }
            if r.has("parent") { body.parent = .some(try r.nullableID("parent")) }
            if r.has("color") { body.color = .some(try r.nullableColor("color")) }
            body.exclusive = try r.optional("exclusive") { r, k throws(AccordError) in try r.bool(k) }
            body.codable = try r.optional("codable") { r, k throws(AccordError) in try r.bool(k) }
            guard !body.changedFields.isEmpty else {
                throw .badBody("code.changed must change at least one of name, description, parent, color, exclusive, codable")
            }
            self = .codeChanged(body)
        case .codeMerged:
            let from = try r.id("code")
            let into = try r.id("into")
            guard from != into else { throw .badBody("a code cannot be merged into itself") }
            self = .codeMerged(CodeMerged(code: from, into: into))
        case .codeRetired:
            self = .codeRetired(CodeRetired(code: try r.id("code")))
        case .segmentCoded:
            let document = try r.id("document")
            let code = try r.id("code")
            let span = try r.span()
            self = .segmentCoded(SegmentCoded(document: document, code: code, start: span.start, end: span.end))
        case .segmentUncoded:
            self = .segmentUncoded(SegmentUncoded(coding: try r.id("coding")))
        case .memoAdded:
            var body = MemoAdded(text: try r.text("text"))
            if r.has("document") { body.document = try r.id("document") }
            if r.has("code") { body.code = try r.id("code") }
            if r.has("coding") { body.coding = try r.id("coding") }
            self = .memoAdded(body)
        case .adjudicationDecided:
            let document = try r.id("document")
            let span = try r.span()
            self = .adjudicationDecided(AdjudicationDecided(
                document: document, start: span.start, end: span.end, codes: try r.ids("codes"), note: try r.string("note"),
                base: try r.ids("base")))
        }
        try r.finish()
    }

    /// The body as a JSON object, exactly the fields the type has.
    public var json: JSONValue {
        func id(_ x: EventID) -> JSONValue { .string(x.hex) }
        func ids(_ xs: [EventID]) -> JSONValue { .array(xs.map(id)) }
        func optionalID(_ x: EventID?) -> JSONValue { x.map(id) ?? .null }
        var fields: [String: JSONValue]
        switch self {
        case .projectCreated(let b): fields = ["name": .string(b.name), "member": .string(b.member)]
        case .memberAdded(let b): fields = ["name": .string(b.name), "role": .string(b.role.rawValue), "keys": ids(b.keys)]
        case .memberChanged(let b):
            fields = ["member": id(b.member), "base": ids(b.base)]
            if let name = b.name { fields["name"] = .string(name) }
            if let role = b.role { fields["role"] = .string(role.rawValue) }
            if let keys = b.keys { fields["keys"] = ids(keys) }
        case .memberRemoved(let b): fields = ["member": id(b.member)]
        case .documentAdded(let b):
            fields = ["title": .string(b.title), "text": .string(b.text), "sha256": id(b.sha256), "length": .int(b.length),
                      "meta": .object(b.meta.mapValues { .string($0) })]
        case .documentRetired(let b): fields = ["document": id(b.document)]
        case .documentDone(let b): fields = ["document": id(b.document)]
        case .codeDefined(let b):
            fields = ["name": .string(b.name), "parent": optionalID(b.parent), "description": .string(b.description),
                      "color": b.color.map { .string($0) } ?? .null, "exclusive": .bool(b.exclusive)]
            if let guid = b.guid { fields["guid"] = .string(guid) }
            if !b.codable { fields["codable"] = .bool(false) }
        case .codeChanged(let b):
            fields = ["code": id(b.code), "base": ids(b.base)]
            if let name = b.name { fields["name"] = .string(name) }
            if let description = b.description { fields["description"] = .string(description) }
            if let parent = b.parent { fields["parent"] = optionalID(parent) }
            if let color = b.color { fields["color"] = color.map { .string($0) } ?? .null }
            if let exclusive = b.exclusive { fields["exclusive"] = .bool(exclusive) }
            if let codable = b.codable { fields["codable"] = .bool(codable) }
        case .codeMerged(let b): fields = ["code": id(b.code), "into": id(b.into)]
        case .codeRetired(let b): fields = ["code": id(b.code)]
        case .segmentCoded(let b):
            fields = ["document": id(b.document), "code": id(b.code), "start": .int(b.start), "end": .int(b.end)]
        case .segmentUncoded(let b): fields = ["coding": id(b.coding)]
        case .memoAdded(let b):
            fields = ["text": .string(b.text)]
            if let document = b.document { fields["document"] = id(document) }
            if let code = b.code { fields["code"] = id(code) }
            if let coding = b.coding { fields["coding"] = id(coding) }
        case .adjudicationDecided(let b):
            fields = ["document": id(b.document), "start": .int(b.start), "end": .int(b.end), "codes": ids(b.codes),
                      "note": .string(b.note), "base": ids(b.base)]
        }
        return .object(fields)
    }
}
