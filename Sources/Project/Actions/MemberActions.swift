import Store

extension Replica {
    /// Adds a member bound to a public key (exchanged out of band, like an
    /// SSH key). Leads only.
    @discardableResult
    public func addMember(name: String, key publicKey: String, role: Role, by key: SigningKey) throws(AccordError) -> Event {
        guard let id = AuthorID(hex: publicKey.lowercased()) else {
            throw AccordError("bad_key", "--key takes a 64-digit hex public key (`accord key new NAME` prints one)")
        }
        return try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "add members")
            if catalog.members.contains(where: { $0.name == name && !$0.removed }) {
                throw AccordError.duplicateMember("there is already a member named `\(name)`")
            }
            return [Action(.memberAdded(MemberAdded(name: name, role: role, keys: [id])))]
        }[0]
    }

    /// Changes a member's name, role or keys (a new key replaces one that
    /// was lost or used on two machines). Leads only. `base` names the live
    /// edits of each touched field, read under the write lock.
    @discardableResult
    public func changeMember(_ name: String, newName: String?, role: Role?, keys: [String]? = nil,
                             by key: SigningKey) throws(AccordError) -> Event {
        let ids = try keys.map { (hexes) throws(AccordError) -> [AuthorID] in
            let parsed = hexes.compactMap { AuthorID(hex: $0.lowercased()) }
            guard !hexes.isEmpty, parsed.count == hexes.count else { throw AccordError("bad_key", "--key takes a 64-digit hex public key") }
            return Set(parsed).sorted()
        }
        guard newName != nil || role != nil || ids != nil else { throw AccordError("nothing_to_change", "give --name, --role or --key") }
        return try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "change members")
            guard let member = catalog.member(named: name), !member.removed, let memberID = EventID(hex: member.id) else {
                throw AccordError.unknownMember("no member `\(name)`")
            }
            if let newName, newName != member.name, catalog.members.contains(where: { $0.name == newName && !$0.removed }) {
                throw AccordError.duplicateMember("there is already a member named `\(newName)`")
            }
            var fields: [String] = []
            if newName != nil { fields.append("name") }
            if role != nil { fields.append("role") }
            if ids != nil { fields.append("keys") }
            let base = try Edits.base(view, thing: member.id, fields: fields)
            return [Action(.memberChanged(MemberChanged(member: memberID, base: base, name: newName, role: role, keys: ids)))]
        }[0]
    }

    /// Removes a member: their later events are refused; their past work stays.
    @discardableResult
    public func removeMember(_ name: String, by key: SigningKey) throws(AccordError) -> Event {
        try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "remove members")
            guard let member = catalog.member(named: name), !member.removed, let id = EventID(hex: member.id) else {
                throw AccordError.unknownMember("no member `\(name)`")
            }
            return [Action(.memberRemoved(MemberRemoved(member: id)))]
        }[0]
    }
}

/// Edits of shared things (DESIGN §3): a new edit names, in `base`, every
/// live edit of the fields it touches, so that concurrent edits show up as
/// conflicts and a lead's later edit settles them.
enum Edits {
    static func base(_ view: StoreView, thing: String, fields: [String]) throws(AccordError) -> [EventID] {
        var base = Set<EventID>()
        for field in fields {
            for id in try view.liveEdits(thing: thing, field: field) { if let e = EventID(hex: id) { base.insert(e) } }
        }
        return base.sorted()
    }
}
