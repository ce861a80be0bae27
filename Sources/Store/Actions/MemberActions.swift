import GRDB

extension Store {
    /// Adds a member bound to a public key (exchanged out of band, like an
    /// SSH key). Leads only.
    @discardableResult
    public func addMember(name: String, key publicKey: String, role: Role, by key: SigningKey) throws(AccordError) -> Event {
        let hex = publicKey.lowercased()
        guard Hex.isDigest(hex) else { throw AccordError("bad_key", "--key takes a 64-digit hex public key (`accord key new NAME` prints one)") }
        return try append(Action(.memberAdded, ["name": .string(name), "role": .string(role.rawValue), "keys": [.string(hex)]]), by: key) { db in
            let catalog = try Catalog(db)
            try Store.requireRole(.lead, catalog, key, to: "add members")
            if catalog.members.contains(where: { $0.name == name && !$0.removed }) {
                throw AccordError.duplicateMember("there is already a member named `\(name)`")
            }
        }
    }

    /// Changes a member's name, role or keys (a new key replaces one that
    /// was lost or quarantined). Leads only.
    @discardableResult
    public func changeMember(_ name: String, newName: String?, role: Role?, keys: [String]? = nil,
                             by key: SigningKey) throws(AccordError) -> Event {
        var body: [String: JSONValue] = [:]
        if let newName { body["name"] = .string(newName) }
        if let role { body["role"] = .string(role.rawValue) }
        if let keys {
            let hexes = keys.map { $0.lowercased() }
            guard !hexes.isEmpty, hexes.allSatisfy(Hex.isDigest) else { throw AccordError("bad_key", "--key takes a 64-digit hex public key") }
            body["keys"] = .array(Set(hexes).sorted().map { .string($0) })
        }
        guard !body.isEmpty else { throw AccordError("nothing_to_change", "give --name, --role or --key") }
        return try appendEdit(.memberChanged, thingField: "member", body: body, by: key) { catalog throws(AccordError) in
            try Store.requireRole(.lead, catalog, key, to: "change members")
            guard let member = catalog.member(named: name), !member.removed else { throw AccordError.unknownMember("no member `\(name)`") }
            if let newName, newName != member.name, catalog.members.contains(where: { $0.name == newName && !$0.removed }) {
                throw AccordError.duplicateMember("there is already a member named `\(newName)`")
            }
            return member.id
        }
    }

    /// Removes a member: their later events are refused; their past work stays.
    @discardableResult
    public func removeMember(_ name: String, by key: SigningKey) throws(AccordError) -> Event {
        let catalog = try catalog()
        try Store.requireRole(.lead, catalog, key, to: "remove members")
        guard let member = catalog.member(named: name), !member.removed else { throw AccordError.unknownMember("no member `\(name)`") }
        return try append(Action(.memberRemoved, ["member": .string(member.id)]), by: key)
    }

    /// Refuses early, with a message in the user's terms, what the validator
    /// would refuse anyway.
    static func requireRole(_ role: Role, _ catalog: Catalog, _ key: SigningKey, to action: String) throws(AccordError) {
        guard let member = catalog.member(forKey: key.publicHex), !member.removed else {
            throw AccordError.notMember("this key is not a member of the project; a lead must add it")
        }
        if role == .lead, member.role != .lead {
            throw AccordError.forbidden("only a lead can \(action); \(member.name) is a \(member.role.rawValue)")
        }
        if role == .coder, ![.lead, .coder].contains(member.role) {
            throw AccordError.forbidden("only leads and coders can \(action); \(member.name) is a \(member.role.rawValue)")
        }
    }

    /// Appends an edit of a shared thing with `base` = the live edits of the
    /// fields it touches, read under the write lock.
    func appendEdit(_ type: EventType, thingField: String, body: [String: JSONValue], by key: SigningKey,
                    resolve: @escaping (Catalog) throws(AccordError) -> String) throws(AccordError) -> Event {
        try append(by: key) { db in
            let catalog = try Catalog(db)
            let thing = try resolve(catalog)
            var base = Set<String>()
            for field in body.keys {
                for edit in try Register.live(db, thing: thing, field: field) { base.insert(edit.id) }
            }
            var full = body
            full[thingField] = .string(thing)
            full["base"] = .array(base.sorted().map { .string($0) })
            return [Action(type, .object(full))]
        }[0]
    }
}
