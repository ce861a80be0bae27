/// The rules of the REFI-QDA 1.0 XSDs (`Project.xsd`, QDA-XML 1.0 of 18 March
/// 2019, target namespace `urn:QDA-XML:project:1.0`; `Codebook.xsd`, target
/// namespace `urn:QDA-XML:codebook:1.0`), written out as `SchemaType`s.
///
/// Every element type, child order, occurrence bound, required attribute and
/// attribute type of the two XSDs is here. Two rules go slightly beyond the
/// XSD's types: positions and offsets (`startPosition`, `endPosition`,
/// `begin`, `end`, `page`, `position`, `timeStamp`) must be ≥ 0, and the rule
/// the XSD states in a comment — a text source has `PlainTextContent` or
/// `plainTextPath`, not both — is checked.
struct REFISchema: Sendable {
    let rootElement: String
    let rootType: String
    let namespace: String
    let types: [String: SchemaType]

    static let projectNamespace = "urn:QDA-XML:project:1.0"
    static let codebookNamespace = "urn:QDA-XML:codebook:1.0"

    private static func opt(_ name: String, _ type: String) -> Particle { .element(name, .complex(type), min: 0, max: 1) }
    private static func one(_ name: String, _ type: String) -> Particle { .element(name, .complex(type), min: 1, max: 1) }
    private static func many(_ name: String, _ type: String, min: Int = 0) -> Particle {
        .element(name, .complex(type), min: min, max: Particle.unbounded)
    }
    private static func text(_ name: String, _ type: SimpleType = .string) -> Particle {
        .element(name, .simple(type), min: 0, max: 1)
    }
    private static func a(_ name: String, _ type: SimpleType, required: Bool = false) -> AttributeRule {
        AttributeRule(name: name, type: type, required: required)
    }
    private static func ref(_ name: String) -> SchemaType {
        SchemaType(name: name, content: .empty, attributes: [a("targetGUID", .guid, required: true)])
    }
    private static let tracked: [AttributeRule] = [
        a("creatingUser", .guid), a("creationDateTime", .dateTime),
        a("modifyingUser", .guid), a("modifiedDateTime", .dateTime),
    ]
    private static let mediaAttributes: [AttributeRule] =
        [a("guid", .guid, required: true), a("name", .string), a("path", .string), a("currentPath", .string)] + tracked
    private static let selectionChildren: SchemaType.Content =
        .sequence([text("Description"), many("Coding", "CodingType"), many("NoteRef", "NoteRefType")])
    private static let direction = SimpleType.enumeration(["Associative", "OneWay", "Bidirectional"])

    static let project: REFISchema = {
        let types: [SchemaType] = [
            SchemaType(name: "ProjectType", content: .sequence([
                opt("Users", "UsersType"), opt("CodeBook", "CodeBookType"), opt("Variables", "VariablesType"),
                opt("Cases", "CasesType"), opt("Sources", "SourcesType"), opt("Notes", "NotesType"),
                opt("Links", "LinksType"), opt("Sets", "SetsType"), opt("Graphs", "GraphsType"),
                text("Description"), many("NoteRef", "NoteRefType"),
            ]), attributes: [
                a("name", .string, required: true), a("origin", .string), a("creatingUserGUID", .guid),
                a("creationDateTime", .dateTime), a("modifyingUserGUID", .guid), a("modifiedDateTime", .dateTime),
                a("basePath", .string),
            ]),
            SchemaType(name: "UsersType", content: .sequence([many("User", "UserType", min: 1)]), attributes: []),
            SchemaType(name: "UserType", content: .empty, attributes: [
                a("guid", .guid, required: true), a("name", .string), a("id", .string),
            ]),
            SchemaType(name: "CodeBookType", content: .sequence([one("Codes", "CodesType")]), attributes: []),
            SchemaType(name: "CodesType", content: .sequence([many("Code", "CodeType", min: 1)]), attributes: []),
            SchemaType(name: "CodeType", content: .sequence([
                text("Description"), many("NoteRef", "NoteRefType"), many("Code", "CodeType"),
            ]), attributes: [
                a("guid", .guid, required: true), a("name", .string, required: true),
                a("isCodable", .boolean, required: true), a("color", .rgb),
            ]),
            SchemaType(name: "VariablesType", content: .sequence([many("Variable", "VariableType", min: 1)]), attributes: []),
            SchemaType(name: "VariableType", content: .sequence([text("Description")]), attributes: [
                a("guid", .guid, required: true), a("name", .string, required: true),
                a("typeOfVariable", .enumeration(["Text", "Boolean", "Integer", "Float", "Date", "DateTime"]), required: true),
            ]),
            SchemaType(name: "VariableValueType", content: .sequence([
                one("VariableRef", "VariableRefType"),
                .choice([
                    text("TextValue"), text("BooleanValue", .boolean), text("IntegerValue", .integer),
                    text("FloatValue", .decimal), text("DateValue", .date), text("DateTimeValue", .dateTime),
                ], min: 1, max: 1),
            ]), attributes: []),
            SchemaType(name: "CasesType", content: .sequence([many("Case", "CaseType", min: 1)]), attributes: []),
            SchemaType(name: "CaseType", content: .sequence([
                text("Description"), many("CodeRef", "CodeRefType"), many("VariableValue", "VariableValueType"),
                many("SourceRef", "SourceRefType"), many("SelectionRef", "SelectionRefType"),
            ]), attributes: [a("guid", .guid, required: true), a("name", .string)]),
            SchemaType(name: "SetsType", content: .sequence([many("Set", "SetType", min: 1)]), attributes: []),
            SchemaType(name: "SetType", content: .sequence([
                text("Description"), many("MemberCode", "CodeRefType"), many("MemberSource", "SourceRefType"),
                many("MemberNote", "NoteRefType"),
            ]), attributes: [a("guid", .guid, required: true), a("name", .string, required: true)]),
            SchemaType(name: "SourcesType", content: .sequence([
                .choice([
                    one("TextSource", "TextSourceType"), one("PictureSource", "PictureSourceType"),
                    one("PDFSource", "PDFSourceType"), one("AudioSource", "AudioSourceType"),
                    one("VideoSource", "VideoSourceType"),
                ], min: 1, max: Particle.unbounded),
            ]), attributes: []),
            SchemaType(name: "TextSourceType", content: .sequence([
                text("Description"), text("PlainTextContent"), many("PlainTextSelection", "PlainTextSelectionType"),
                many("Coding", "CodingType"), many("NoteRef", "NoteRefType"), many("VariableValue", "VariableValueType"),
            ]), attributes: [
                a("guid", .guid, required: true), a("name", .string), a("richTextPath", .string),
                a("plainTextPath", .string),
            ] + tracked, textEitherInlineOrPath: true),
            SchemaType(name: "PlainTextSelectionType", content: selectionChildren, attributes: [
                a("guid", .guid, required: true), a("name", .string),
                a("startPosition", .nonNegativeInteger, required: true),
                a("endPosition", .nonNegativeInteger, required: true),
            ] + tracked),
            SchemaType(name: "PictureSourceType", content: .sequence([
                text("Description"), opt("TextDescription", "TextSourceType"),
                many("PictureSelection", "PictureSelectionType"), many("Coding", "CodingType"),
                many("NoteRef", "NoteRefType"), many("VariableValue", "VariableValueType"),
            ]), attributes: mediaAttributes),
            SchemaType(name: "PictureSelectionType", content: selectionChildren, attributes: [
                a("guid", .guid, required: true), a("name", .string),
                a("firstX", .integer, required: true), a("firstY", .integer, required: true),
                a("secondX", .integer, required: true), a("secondY", .integer, required: true),
            ] + tracked),
            SchemaType(name: "PDFSourceType", content: .sequence([
                text("Description"), many("PDFSelection", "PDFSelectionType"),
                opt("Representation", "TextSourceType"), many("Coding", "CodingType"),
                many("NoteRef", "NoteRefType"), many("VariableValue", "VariableValueType"),
            ]), attributes: mediaAttributes),
            SchemaType(name: "PDFSelectionType", content: .sequence([
                text("Description"), opt("Representation", "TextSourceType"), many("Coding", "CodingType"),
                many("NoteRef", "NoteRefType"),
            ]), attributes: [
                a("guid", .guid, required: true), a("name", .string), a("page", .nonNegativeInteger, required: true),
                a("firstX", .integer, required: true), a("firstY", .integer, required: true),
                a("secondX", .integer, required: true), a("secondY", .integer, required: true),
            ] + tracked),
            SchemaType(name: "AudioSourceType", content: .sequence([
                text("Description"), many("Transcript", "TranscriptType"), many("AudioSelection", "AudioSelectionType"),
                many("Coding", "CodingType"), many("NoteRef", "NoteRefType"), many("VariableValue", "VariableValueType"),
            ]), attributes: mediaAttributes),
            SchemaType(name: "AudioSelectionType", content: selectionChildren, attributes: [
                a("guid", .guid, required: true), a("name", .string),
                a("begin", .nonNegativeInteger, required: true), a("end", .nonNegativeInteger, required: true),
            ] + tracked),
            SchemaType(name: "VideoSourceType", content: .sequence([
                text("Description"), many("Transcript", "TranscriptType"), many("VideoSelection", "VideoSelectionType"),
                many("Coding", "CodingType"), many("NoteRef", "NoteRefType"), many("VariableValue", "VariableValueType"),
            ]), attributes: mediaAttributes),
            SchemaType(name: "VideoSelectionType", content: selectionChildren, attributes: [
                a("guid", .guid, required: true), a("name", .string),
                a("begin", .nonNegativeInteger, required: true), a("end", .nonNegativeInteger, required: true),
            ] + tracked),
            SchemaType(name: "TranscriptType", content: .sequence([
                text("Description"), text("PlainTextContent"), many("SyncPoint", "SyncPointType"),
                many("TranscriptSelection", "TranscriptSelectionType"), many("NoteRef", "NoteRefType"),
            ]), attributes: [
                a("guid", .guid, required: true), a("name", .string), a("richTextPath", .string),
                a("plainTextPath", .string),
            ] + tracked, textEitherInlineOrPath: true),
            SchemaType(name: "TranscriptSelectionType", content: selectionChildren, attributes: [
                a("guid", .guid, required: true), a("name", .string),
                a("fromSyncPoint", .guid), a("toSyncPoint", .guid),
            ] + tracked),
            SchemaType(name: "SyncPointType", content: .empty, attributes: [
                a("guid", .guid, required: true), a("timeStamp", .nonNegativeInteger),
                a("position", .nonNegativeInteger),
            ]),
            SchemaType(name: "CodingType", content: .sequence([
                one("CodeRef", "CodeRefType"), many("NoteRef", "NoteRefType"),
            ]), attributes: [
                a("guid", .guid, required: true), a("creatingUser", .guid), a("creationDateTime", .dateTime),
            ]),
            SchemaType(name: "GraphsType", content: .sequence([many("Graph", "GraphType", min: 1)]), attributes: []),
            SchemaType(name: "GraphType", content: .sequence([
                many("Vertex", "VertexType"), many("Edge", "EdgeType"),
            ]), attributes: [a("guid", .guid, required: true), a("name", .string)]),
            SchemaType(name: "VertexType", content: .empty, attributes: [
                a("guid", .guid, required: true), a("representedGUID", .guid), a("name", .string),
                a("firstX", .integer, required: true), a("firstY", .integer, required: true),
                a("secondX", .integer), a("secondY", .integer),
                a("shape", .enumeration([
                    "Person", "Oval", "Rectangle", "RoundedRectangle", "Star", "LeftTriangle", "RightTriangle",
                    "UpTriangle", "DownTriangle", "Note",
                ])),
                a("color", .rgb),
            ]),
            SchemaType(name: "EdgeType", content: .empty, attributes: [
                a("guid", .guid, required: true), a("representedGUID", .guid), a("name", .string),
                a("sourceVertex", .guid, required: true), a("targetVertex", .guid, required: true),
                a("color", .rgb), a("direction", direction),
                a("lineStyle", .enumeration(["dotted", "dashed", "solid"])),
            ]),
            SchemaType(name: "NotesType", content: .sequence([many("Note", "TextSourceType", min: 1)]), attributes: []),
            SchemaType(name: "LinksType", content: .sequence([many("Link", "LinkType", min: 1)]), attributes: []),
            SchemaType(name: "LinkType", content: .sequence([many("NoteRef", "NoteRefType")]), attributes: [
                a("guid", .guid, required: true), a("name", .string), a("direction", direction), a("color", .rgb),
                a("originGUID", .guid), a("targetGUID", .guid),
            ]),
            ref("NoteRefType"), ref("CodeRefType"), ref("SourceRefType"), ref("SelectionRefType"),
            ref("VariableRefType"),
        ]
        return REFISchema(
            rootElement: "Project", rootType: "ProjectType", namespace: projectNamespace,
            types: Dictionary(uniqueKeysWithValues: types.map { ($0.name, $0) }))
    }()

    static let codebook: REFISchema = {
        let types: [SchemaType] = [
            SchemaType(name: "CodeBookType", content: .sequence([
                one("Codes", "CodesType"), opt("Sets", "SetsType"),
            ]), attributes: [a("origin", .string)]),
            SchemaType(name: "CodesType", content: .sequence([many("Code", "CodeType", min: 1)]), attributes: []),
            SchemaType(name: "CodeType", content: .sequence([
                text("Description"), many("Code", "CodeType"),
            ]), attributes: [
                a("guid", .guid, required: true), a("name", .string, required: true),
                a("isCodable", .boolean, required: true), a("color", .rgb),
            ]),
            SchemaType(name: "SetsType", content: .sequence([many("Set", "SetType", min: 1)]), attributes: []),
            SchemaType(name: "SetType", content: .sequence([
                text("Description"), many("MemberCode", "MemberCodeType"),
            ]), attributes: [a("guid", .guid, required: true), a("name", .string, required: true)]),
            SchemaType(name: "MemberCodeType", content: .empty, attributes: [a("guid", .guid, required: true)]),
        ]
        return REFISchema(
            rootElement: "CodeBook", rootType: "CodeBookType", namespace: codebookNamespace,
            types: Dictionary(uniqueKeysWithValues: types.map { ($0.name, $0) }))
    }()
}
