import GRDB

/// What `code add` defines.
public struct CodeDefinition: Sendable {
    public var name: String
    public var parent: String?
    public var description: String
    public var color: String?
    public var exclusive: Bool

    public init(name: String, parent: String? = nil, description: String = "", color: String? = nil, exclusive: Bool = false) {
        self.name = name
        self.parent = parent
        self.description = description
        self.color = color
        self.exclusive = exclusive
    }
}

extension Store {
    /// Defines a code (leads only); its path must be new among live codes.
    @discardableResult
    public func defineCode(_ definition: CodeDefinition, by key: SigningKey) throws(AccordError) -> Event {
        let color = try definition.color.map { (c) throws(AccordError) -> String in
            guard let normal = Color.normalise(c) else { throw AccordError("bad_color", "colour `\(c)` is not #rgb or #rrggbb") }
            return normal
        }
        return try append(by: key) { db in
            let catalog = try Catalog(db)
            try Store.requireRole(.lead, catalog, key, to: "define codes")
            let parent = try definition.parent.map { try catalog.code(named: $0) }
            if let parent, parent.retired || parent.mergedInto != nil {
                throw AccordError.retiredCode("parent `\(parent.path)` is retired or merged")
            }
            let path = (parent.map { $0.path + "/" } ?? "") + definition.name
            if catalog.codes.contains(where: { $0.path == path && !$0.retired && $0.mergedInto == nil }) {
                throw AccordError.duplicateCode("code `\(path)` already exists")
            }
            return [Action(.codeDefined, [
                "name": .string(definition.name), "parent": parent.map { .string($0.id) } ?? .null,
                "description": .string(definition.description), "color": color.map { .string($0) } ?? .null,
                "exclusive": .bool(definition.exclusive),
            ])]
        }[0]
    }

    /// Edits a code's fields (leads only); `base` names the live edits of
    /// each touched field, so concurrent edits show up as conflicts.
    @discardableResult
    public func changeCode(_ name: String, newName: String? = nil, description: String? = nil, color: String?? = nil,
                           parent: String?? = nil, exclusive: Bool? = nil, by key: SigningKey) throws(AccordError) -> Event {
        var body: [String: JSONValue] = [:]
        if let newName { body["name"] = .string(newName) }
        if let description { body["description"] = .string(description) }
        if let color {
            if let c = color {
                guard let normal = Color.normalise(c) else { throw AccordError("bad_color", "colour `\(c)` is not #rgb or #rrggbb") }
                body["color"] = .string(normal)
            } else { body["color"] = .null }
        }
        if let exclusive { body["exclusive"] = .bool(exclusive) }
        let parentName = parent
        if parent != nil { body["parent"] = .null }
        guard !body.isEmpty else { throw AccordError("nothing_to_change", "give at least one of --name, --description, --color, --parent, --exclusive") }
        return try append(by: key) { db in
            let catalog = try Catalog(db)
            try Store.requireRole(.lead, catalog, key, to: "change codes")
            let code = try catalog.code(named: name)
            var full = body
            if let p = parentName, let p {
                let target = try catalog.code(named: p)
                full["parent"] = .string(target.id)
            }
            let finalName = newName ?? code.name
            let finalParent = full["parent"].map { $0.stringValue } ?? code.parent
            let path = (finalParent.flatMap { catalog.code(id: $0)?.path }.map { $0 + "/" } ?? "") + finalName
            if (newName != nil || parentName != nil),
               catalog.codes.contains(where: { $0.id != code.id && $0.path == path && !$0.retired && $0.mergedInto == nil }) {
                throw AccordError.duplicateCode("code `\(path)` already exists")
            }
            var base = Set<String>()
            for field in full.keys {
                for edit in try Register.live(db, thing: code.id, field: field) { base.insert(edit.id) }
            }
            full["code"] = .string(code.id)
            full["base"] = .array(base.sorted().map { .string($0) })
            return [Action(.codeChanged, .object(full))]
        }[0]
    }

    /// Merges `from` into `into`: codings of `from` count as `into` from now
    /// on, in every projection and in agreement. Leads only.
    @discardableResult
    public func mergeCode(_ from: String, into: String, by key: SigningKey) throws(AccordError) -> Event {
        let catalog = try catalog()
        try Store.requireRole(.lead, catalog, key, to: "merge codes")
        let source = try catalog.code(named: from), target = try catalog.code(named: into)
        guard source.id != target.id else { throw AccordError("bad_merge", "a code cannot be merged into itself") }
        for code in [source, target] where code.retired || code.mergedInto != nil {
            throw AccordError.retiredCode("code `\(code.path)` is retired or already merged")
        }
        return try append(Action(.codeMerged, ["code": .string(source.id), "into": .string(target.id)]), by: key)
    }

    /// Retires a code: no new codings; existing ones stay in history.
    @discardableResult
    public func retireCode(_ name: String, by key: SigningKey) throws(AccordError) -> Event {
        let catalog = try catalog()
        try Store.requireRole(.lead, catalog, key, to: "retire codes")
        let code = try catalog.code(named: name)
        guard !code.retired else { throw AccordError.retiredCode("code `\(code.path)` is already retired") }
        return try append(Action(.codeRetired, ["code": .string(code.id)]), by: key)
    }
}
