/// `project.created`: the genesis event; its author's member is the first lead.
public struct ProjectCreated: Sendable, Equatable {
    public var name: String
    /// The founding lead's member name.
    public var member: String

    public init(name: String, member: String) {
        self.name = name
        self.member = member
    }
}

/// `member.added`: a lead binds a person's name and role to public keys.
public struct MemberAdded: Sendable, Equatable {
    public var name: String
    public var role: Role
    public var keys: [AuthorID]

    public init(name: String, role: Role, keys: [AuthorID]) {
        self.name = name
        self.role = role
        self.keys = keys
    }
}

/// `member.changed`: new values for some of a member's registers (name,
/// role, keys); `base` names the edits of those fields the author had seen.
public struct MemberChanged: Sendable, Equatable {
    public var member: EventID
    public var base: [EventID]
    public var name: String?
    public var role: Role?
    public var keys: [AuthorID]?

    public init(member: EventID, base: [EventID], name: String? = nil, role: Role? = nil, keys: [AuthorID]? = nil) {
        self.member = member
        self.base = base
        self.name = name
        self.role = role
        self.keys = keys
    }
}

/// `member.removed`.
public struct MemberRemoved: Sendable, Equatable {
    public var member: EventID

    public init(member: EventID) { self.member = member }
}
