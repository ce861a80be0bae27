import Foundation

/// A text document (`<TextSource>`) with its selections.
public struct REFITextSource: Equatable, Sendable {
    public var guid: REFIGUID
    /// Unique within an imported project: a repeated name gets " (2)", " (3)", … (see `originalName`).
    public var name: String
    /// The name as the file gave it, when the import had to make `name` unique.
    public var originalName: String?
    /// The plain text, normalised (`NormalisedText`).
    public var text: String
    public var description: String?
    public var creatingUser: REFIGUID?
    public var creationDateTime: Date?
    public var selections: [REFISelection]

    public init(
        guid: REFIGUID, name: String, originalName: String? = nil, text: String, description: String? = nil,
        creatingUser: REFIGUID? = nil, creationDateTime: Date? = nil, selections: [REFISelection] = []
    ) {
        self.guid = guid
        self.name = name
        self.originalName = originalName
        self.text = text
        self.description = description
        self.creatingUser = creatingUser
        self.creationDateTime = creationDateTime
        self.selections = selections
    }
}

/// A span of a text source (`<PlainTextSelection>`), `[start, end)` in
/// Unicode scalars of the source's normalised text, with its codings.
public struct REFISelection: Equatable, Sendable {
    public var guid: REFIGUID
    public var start: Int
    public var end: Int
    public var creatingUser: REFIGUID?
    public var creationDateTime: Date?
    public var codings: [REFICoding]

    public init(
        guid: REFIGUID, start: Int, end: Int, creatingUser: REFIGUID? = nil, creationDateTime: Date? = nil,
        codings: [REFICoding] = []
    ) {
        self.guid = guid
        self.start = start
        self.end = end
        self.creatingUser = creatingUser
        self.creationDateTime = creationDateTime
        self.codings = codings
    }
}

/// One code applied to a selection (`<Coding>` with one `<CodeRef>`).
///
/// On import, a coding without `creatingUser`/`creationDateTime` takes its
/// selection's, so every coding names its coder where the file does at all.
public struct REFICoding: Equatable, Sendable {
    public var guid: REFIGUID
    public var codeGUID: REFIGUID
    public var creatingUser: REFIGUID?
    public var creationDateTime: Date?

    public init(guid: REFIGUID, codeGUID: REFIGUID, creatingUser: REFIGUID? = nil, creationDateTime: Date? = nil) {
        self.guid = guid
        self.codeGUID = codeGUID
        self.creatingUser = creatingUser
        self.creationDateTime = creationDateTime
    }
}
