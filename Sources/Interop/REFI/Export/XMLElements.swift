import XMLCoder

// The elements the writer emits, as Encodable values for XMLCoder. Each
// encodes its attributes first and its children after, in the order the XSD
// requires; optional parts are left out when absent, so the same model always
// gives the same bytes.

/// Keys named here are written as attributes, every other key as a child element.
protocol XMLAttributes: Encodable, DynamicNodeEncoding {
    static var attributeKeys: Set<String> { get }
}

extension XMLAttributes {
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        attributeKeys.contains(key.stringValue) ? .attribute : .element
    }
}

extension KeyedEncodingContainer {
    /// Encodes a list of child elements only when it has any.
    mutating func encodeList<T: Encodable>(_ list: [T], forKey key: Key) throws {
        if !list.isEmpty { try encode(list, forKey: key) }
    }
}

struct XRef: XMLAttributes {
    let targetGUID: String
    static let attributeKeys: Set<String> = ["targetGUID"]
}

struct XMemberCode: XMLAttributes {
    let guid: String
    static let attributeKeys: Set<String> = ["guid"]
}

struct XUser: XMLAttributes {
    let guid: String
    let name: String?
    static let attributeKeys: Set<String> = ["guid", "name"]
    enum CodingKeys: String, CodingKey { case guid, name }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(guid, forKey: .guid)
        try c.encodeIfPresent(name, forKey: .name)
    }
}

struct XUsers: Encodable {
    let users: [XUser]
    enum CodingKeys: String, CodingKey { case users = "User" }
}

struct XCode: XMLAttributes {
    let guid: String
    let name: String
    let isCodable: Bool
    let color: String?
    let description: String?
    let noteRefs: [XRef]
    let children: [XCode]
    static let attributeKeys: Set<String> = ["guid", "name", "isCodable", "color"]
    enum CodingKeys: String, CodingKey {
        case guid, name, isCodable, color
        case description = "Description", noteRefs = "NoteRef", children = "Code"
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(guid, forKey: .guid)
        try c.encode(name, forKey: .name)
        try c.encode(isCodable ? "true" : "false", forKey: .isCodable)
        try c.encodeIfPresent(color, forKey: .color)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeList(noteRefs, forKey: .noteRefs)
        try c.encodeList(children, forKey: .children)
    }
}

struct XCodes: Encodable {
    let codes: [XCode]
    enum CodingKeys: String, CodingKey { case codes = "Code" }
}

/// `<CodeBook>` inside a project: only `Codes`.
struct XProjectCodeBook: Encodable {
    let codes: XCodes
    enum CodingKeys: String, CodingKey { case codes = "Codes" }
}

struct XSet: XMLAttributes {
    let guid: String
    let name: String
    let description: String?
    let memberCodes: [XRef]
    let memberSources: [XRef]
    let memberNotes: [XRef]
    static let attributeKeys: Set<String> = ["guid", "name"]
    enum CodingKeys: String, CodingKey {
        case guid, name, description = "Description", memberCodes = "MemberCode", memberSources = "MemberSource"
        case memberNotes = "MemberNote"
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(guid, forKey: .guid)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeList(memberCodes, forKey: .memberCodes)
        try c.encodeList(memberSources, forKey: .memberSources)
        try c.encodeList(memberNotes, forKey: .memberNotes)
    }
}

struct XSets: Encodable {
    let sets: [XSet]
    enum CodingKeys: String, CodingKey { case sets = "Set" }
}

/// `<Set>` in a `.qdc`: members are `<MemberCode guid>`.
struct XCodebookSet: XMLAttributes {
    let guid: String
    let name: String
    let description: String?
    let memberCodes: [XMemberCode]
    static let attributeKeys: Set<String> = ["guid", "name"]
    enum CodingKeys: String, CodingKey { case guid, name, description = "Description", memberCodes = "MemberCode" }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(guid, forKey: .guid)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeList(memberCodes, forKey: .memberCodes)
    }
}

struct XCodebookSets: Encodable {
    let sets: [XCodebookSet]
    enum CodingKeys: String, CodingKey { case sets = "Set" }
}

/// The root of a `.qdc`.
struct XCodeBook: XMLAttributes {
    let xmlns = REFISchema.codebookNamespace
    let origin: String?
    let codes: XCodes
    let sets: XCodebookSets?
    static let attributeKeys: Set<String> = ["xmlns", "origin"]
    enum CodingKeys: String, CodingKey { case xmlns, origin, codes = "Codes", sets = "Sets" }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(xmlns, forKey: .xmlns)
        try c.encodeIfPresent(origin, forKey: .origin)
        try c.encode(codes, forKey: .codes)
        try c.encodeIfPresent(sets, forKey: .sets)
    }
}

struct XCoding: XMLAttributes {
    let guid: String
    let creatingUser: String?
    let creationDateTime: String?
    let codeRef: XRef
    let noteRefs: [XRef]
    static let attributeKeys: Set<String> = ["guid", "creatingUser", "creationDateTime"]
    enum CodingKeys: String, CodingKey {
        case guid, creatingUser, creationDateTime, codeRef = "CodeRef", noteRefs = "NoteRef"
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(guid, forKey: .guid)
        try c.encodeIfPresent(creatingUser, forKey: .creatingUser)
        try c.encodeIfPresent(creationDateTime, forKey: .creationDateTime)
        try c.encode(codeRef, forKey: .codeRef)
        try c.encodeList(noteRefs, forKey: .noteRefs)
    }
}

struct XSelection: XMLAttributes {
    let guid: String
    let startPosition: Int
    let endPosition: Int
    let creatingUser: String?
    let creationDateTime: String?
    let codings: [XCoding]
    let noteRefs: [XRef]
    static let attributeKeys: Set<String> = ["guid", "startPosition", "endPosition", "creatingUser", "creationDateTime"]
    enum CodingKeys: String, CodingKey {
        case guid, startPosition, endPosition, creatingUser, creationDateTime, codings = "Coding", noteRefs = "NoteRef"
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(guid, forKey: .guid)
        try c.encode(startPosition, forKey: .startPosition)
        try c.encode(endPosition, forKey: .endPosition)
        try c.encodeIfPresent(creatingUser, forKey: .creatingUser)
        try c.encodeIfPresent(creationDateTime, forKey: .creationDateTime)
        try c.encodeList(codings, forKey: .codings)
        try c.encodeList(noteRefs, forKey: .noteRefs)
    }
}

/// A `<TextSource>` (text in a file) or a `<Note>` (text inline).
struct XTextSource: XMLAttributes {
    let guid: String
    let name: String?
    let plainTextPath: String?
    let creatingUser: String?
    let creationDateTime: String?
    let description: String?
    let plainTextContent: String?
    let selections: [XSelection]
    let noteRefs: [XRef]
    static let attributeKeys: Set<String> = ["guid", "name", "plainTextPath", "creatingUser", "creationDateTime"]
    enum CodingKeys: String, CodingKey {
        case guid, name, plainTextPath, creatingUser, creationDateTime
        case description = "Description", plainTextContent = "PlainTextContent", selections = "PlainTextSelection"
        case noteRefs = "NoteRef"
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(guid, forKey: .guid)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(plainTextPath, forKey: .plainTextPath)
        try c.encodeIfPresent(creatingUser, forKey: .creatingUser)
        try c.encodeIfPresent(creationDateTime, forKey: .creationDateTime)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(plainTextContent, forKey: .plainTextContent)
        try c.encodeList(selections, forKey: .selections)
        try c.encodeList(noteRefs, forKey: .noteRefs)
    }
}

struct XSources: Encodable {
    let sources: [XTextSource]
    enum CodingKeys: String, CodingKey { case sources = "TextSource" }
}

struct XNotes: Encodable {
    let notes: [XTextSource]
    enum CodingKeys: String, CodingKey { case notes = "Note" }
}

/// The root of `project.qde`, children in the XSD's order.
struct XProject: XMLAttributes {
    let xmlns = REFISchema.projectNamespace
    let name: String
    let origin: String?
    let creatingUserGUID: String?
    let creationDateTime: String?
    let users: XUsers?
    let codeBook: XProjectCodeBook?
    let sources: XSources?
    let notes: XNotes?
    let sets: XSets?
    let description: String?
    let noteRefs: [XRef]
    static let attributeKeys: Set<String> = ["xmlns", "name", "origin", "creatingUserGUID", "creationDateTime"]
    enum CodingKeys: String, CodingKey {
        case xmlns, name, origin, creatingUserGUID, creationDateTime
        case users = "Users", codeBook = "CodeBook", sources = "Sources", notes = "Notes", sets = "Sets"
        case description = "Description", noteRefs = "NoteRef"
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(xmlns, forKey: .xmlns)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(origin, forKey: .origin)
        try c.encodeIfPresent(creatingUserGUID, forKey: .creatingUserGUID)
        try c.encodeIfPresent(creationDateTime, forKey: .creationDateTime)
        try c.encodeIfPresent(users, forKey: .users)
        try c.encodeIfPresent(codeBook, forKey: .codeBook)
        try c.encodeIfPresent(sources, forKey: .sources)
        try c.encodeIfPresent(notes, forKey: .notes)
        try c.encodeIfPresent(sets, forKey: .sets)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeList(noteRefs, forKey: .noteRefs)
    }
}
