/// `code.defined`.
public struct CodeDefined: Sendable, Equatable {
    public var name: String
    public var parent: EventID?
    public var description: String
    public var color: String?
    public var exclusive: Bool
    /// The REFI-QDA GUID the code came in with (lowercase `8-4-4-4-12`), so
    /// that every export names it as the QDA tool that made it does.
    public var guid: String?
    /// False for a category that only groups other codes (REFI-QDA's
    /// `isCodable="false"`). Written only when false, so a body without it
    /// reads as codable and every earlier event stays byte-identical.
    public var codable: Bool

    public init(name: String, parent: EventID?, description: String, color: String?, exclusive: Bool, guid: String? = nil,
                codable: Bool = true) {
        self.name = name
        self.parent = parent
        self.description = description
        self.color = color
        self.exclusive = exclusive
        self.guid = guid
        self.codable = codable
    }
}

/// `code.changed`: new values for some of a code's registers. `parent` and
/// `color` may be set to null, so "absent" and "null" differ: the outer
/// optional says whether the field is changed at all.
public struct CodeChanged: Sendable, Equatable {
    public var code: EventID
    public var base: [EventID]
    public var name: String?
    public var description: String?
    public var parent: EventID??
    public var color: String??
    public var exclusive: Bool?
    public var codable: Bool?

    public init(code: EventID, base: [EventID], name: String? = nil, description: String? = nil,
                parent: EventID?? = nil, color: String?? = nil, exclusive: Bool? = nil, codable: Bool? = nil) {
        self.code = code
        self.base = base
        self.name = name
        self.description = description
        self.parent = parent
        self.color = color
        self.exclusive = exclusive
        self.codable = codable
    }

    /// The register fields this edit sets, in the order they are listed.
    public var changedFields: [String] {
        var out: [String] = []
        if name != nil { out.append("name") }
        if description != nil { out.append("description") }
        if parent != nil { out.append("parent") }
        if color != nil { out.append("color") }
        if exclusive != nil { out.append("exclusive") }
        if codable != nil { out.append("codable") }
        return out
    }
}

/// `code.merged`: codings of `code` count as `into` from now on.
public struct CodeMerged: Sendable, Equatable {
    public var code: EventID
    public var into: EventID

    public init(code: EventID, into: EventID) {
        self.code = code
        self.into = into
    }
}

/// `code.retired`.
public struct CodeRetired: Sendable, Equatable {
    public var code: EventID

    public init(code: EventID) { self.code = code }
}
