import Store

/// What `code add` defines.
public struct CodeDefinition: Sendable {
    public var name: String
    public var parent: String?
    public var description: String
    public var color: String?
    public var exclusive: Bool
    /// False for a category that only groups other codes: it cannot be applied.
    public var codable: Bool

    public init(name: String, parent: String? = nil, description: String = "", color: String? = nil, exclusive: Bool = false,
                codable: Bool = true) {
        self.name = name
        self.parent = parent
        self.description = description
        self.color = color
        self.exclusive = exclusive
        self.codable = codable
    }
}

extension Replica {
    /// Defines a code (leads only); its path must be new among live codes.
    @discardableResult
    public func defineCode(_ definition: CodeDefinition, by key: SigningKey) throws(AccordError) -> Event {
        let color = try definition.color.map(Replica.normaliseColor)
        return try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "define codes")
            let parent = try definition.parent.map { (p) throws(AccordError) in try catalog.code(named: p) }
            if let parent, parent.retired || parent.mergedInto != nil {
                throw AccordError.retiredCode("parent `\(parent.path)` is retired or merged")
            }
            let path = (parent.map { $0.path + "/" } ?? "") + definition.name
            if catalog.codes.contains(where: { $0.path == path && $0.isLive }) {
                throw AccordError.duplicateCode("code `\(path)` already exists")
            }
            return [Action(.codeDefined(CodeDefined(
                name: definition.name, parent: parent.flatMap { EventID(hex: $0.id) }, description: definition.description,
                color: color, exclusive: definition.exclusive, codable: definition.codable)))]
        }[0]
    }

    /// Edits a code's fields (leads only); `base` names the live edits of
    /// each touched field, so concurrent edits show up as conflicts.
    @discardableResult
    public func changeCode(_ name: String, newName: String? = nil, description: String? = nil, color: String?? = nil,
                           parent: String?? = nil, exclusive: Bool? = nil, codable: Bool? = nil,
                           by key: SigningKey) throws(AccordError) -> Event {
        let newColor = try color.map { (c) throws(AccordError) -> String? in try c.map(Replica.normaliseColor) }
        guard newName != nil || description != nil || color != nil || parent != nil || exclusive != nil || codable != nil else {
            throw AccordError("nothing_to_change", "give at least one of --name, --description, --color, --parent, --exclusive, --codable")
        }
        return try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "change codes")
            let code = try catalog.code(named: name)
            let newParent = try parent.map { (p) throws(AccordError) -> EventID? in
                try p.map { (p) throws(AccordError) in EventID(hex: try catalog.code(named: p).id)! }
            }
            let finalParent = newParent.map { $0?.hex } ?? code.parent
            let path = (finalParent.flatMap { catalog.code(id: $0)?.path }.map { $0 + "/" } ?? "") + (newName ?? code.name)
            if newName != nil || parent != nil, catalog.codes.contains(where: { $0.id != code.id && $0.path == path && $0.isLive }) {
                throw AccordError.duplicateCode("code `\(path)` already exists")
            }
            var change = CodeChanged(code: EventID(hex: code.id)!, base: [], name: newName, description: description,
                                     parent: newParent, color: newColor, exclusive: exclusive, codable: codable)
            change.base = try Edits.base(view, thing: code.id, fields: change.changedFields)
            return [Action(.codeChanged(change))]
        }[0]
    }

    /// Merges `from` into `into`: codings of `from` count as `into` from now
    /// on, in every projection and in agreement. Leads only.
    @discardableResult
    public func mergeCode(_ from: String, into: String, by key: SigningKey) throws(AccordError) -> Event {
        try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "merge codes")
            let source = try catalog.code(named: from), target = try catalog.code(named: into)
            guard source.id != target.id else { throw AccordError("bad_merge", "a code cannot be merged into itself") }
            for code in [source, target] where !code.isLive {
                throw AccordError.retiredCode("code `\(code.path)` is retired or already merged")
            }
            return [Action(.codeMerged(CodeMerged(code: EventID(hex: source.id)!, into: EventID(hex: target.id)!)))]
        }[0]
    }

    /// Retires a code: no new codings; existing ones stay in history.
    @discardableResult
    public func retireCode(_ name: String, by key: SigningKey) throws(AccordError) -> Event {
        try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "retire codes")
            let code = try catalog.code(named: name)
            guard !code.retired else { throw AccordError.retiredCode("code `\(code.path)` is already retired") }
            return [Action(.codeRetired(CodeRetired(code: EventID(hex: code.id)!)))]
        }[0]
    }

    /// `#rgb` or `#rrggbb` in either case, as the canonical `#rrggbb`.
    static func normaliseColor(_ c: String) throws(AccordError) -> String {
        guard let normal = Color.normalise(c) else { throw AccordError("bad_color", "colour `\(c)` is not #rgb or #rrggbb") }
        return normal
    }
}
