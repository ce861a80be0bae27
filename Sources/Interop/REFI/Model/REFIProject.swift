import Foundation

/// A REFI-QDA 1.0 project (`project.qde` inside a `.qdpx`), reduced to what
/// text coding needs: users, the codebook, text sources with their selections
/// and codings, notes, and sets.
///
/// After an import every text is normalised (`NormalisedText`) and every
/// selection's positions are Unicode scalar offsets into its source's
/// normalised text; the writer expects the same.
public struct REFIProject: Equatable, Sendable {
    public var name: String
    /// The software that wrote the file (`origin`), e.g. "MAXQDA 24 (Release 24.7.0)".
    public var origin: String?
    public var creatingUser: REFIGUID?
    public var creationDateTime: Date?
    public var users: [REFIUser]
    public var codebook: REFICodebook
    public var sources: [REFITextSource]
    public var notes: [REFINote]
    /// Project-level sets (of codes, sources or notes).
    public var sets: [REFISet]
    public var description: String?

    public init(
        name: String, origin: String? = nil, creatingUser: REFIGUID? = nil, creationDateTime: Date? = nil,
        users: [REFIUser] = [], codebook: REFICodebook = REFICodebook(), sources: [REFITextSource] = [],
        notes: [REFINote] = [], sets: [REFISet] = [], description: String? = nil
    ) {
        self.name = name
        self.origin = origin
        self.creatingUser = creatingUser
        self.creationDateTime = creationDateTime
        self.users = users
        self.codebook = codebook
        self.sources = sources
        self.notes = notes
        self.sets = sets
        self.description = description
    }
}

/// A person who coded (`<User guid name>`).
public struct REFIUser: Equatable, Sendable {
    public var guid: REFIGUID
    /// Optional in the schema; an import fills in users that codings name but `Users` lacks, without a name.
    public var name: String?

    public init(guid: REFIGUID, name: String?) {
        self.guid = guid
        self.name = name
    }
}

/// A named set of codes, sources and notes (`<Set>`).
public struct REFISet: Equatable, Sendable {
    public var guid: REFIGUID
    public var name: String
    public var description: String?
    public var memberCodes: [REFIGUID]
    public var memberSources: [REFIGUID]
    public var memberNotes: [REFIGUID]

    public init(
        guid: REFIGUID, name: String, description: String? = nil, memberCodes: [REFIGUID] = [],
        memberSources: [REFIGUID] = [], memberNotes: [REFIGUID] = []
    ) {
        self.guid = guid
        self.name = name
        self.description = description
        self.memberCodes = memberCodes
        self.memberSources = memberSources
        self.memberNotes = memberNotes
    }
}
