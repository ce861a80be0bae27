import Foundation

/// A memo (`<Note>`, shaped like a text source) and what it annotates.
///
/// REFI-QDA attaches a note in two ways, and an import collects both: a
/// `<NoteRef targetGUID>` inside the annotated element (project, code,
/// source, selection or coding), or a `<Link>` between the note and the
/// annotated thing (as NVivo writes annotations).
public struct REFINote: Equatable, Sendable {
    public var guid: REFIGUID
    public var name: String?
    /// The note's text, normalised.
    public var text: String
    public var creatingUser: REFIGUID?
    public var creationDateTime: Date?
    public var targets: [REFINoteTarget]

    public init(
        guid: REFIGUID, name: String? = nil, text: String, creatingUser: REFIGUID? = nil,
        creationDateTime: Date? = nil, targets: [REFINoteTarget] = []
    ) {
        self.guid = guid
        self.name = name
        self.text = text
        self.creatingUser = creatingUser
        self.creationDateTime = creationDateTime
        self.targets = targets
    }
}

/// What a note annotates.
public enum REFINoteTarget: Hashable, Sendable {
    case project
    case code(REFIGUID)
    case source(REFIGUID)
    case selection(REFIGUID)
    case coding(REFIGUID)
}
