import GRDB

/// The events an event had seen when it was made: the held events whose
/// (author, seq) its clock covers. `clock == nil` means everything held, which
/// is exactly the causal past of an event this replica is authoring now.
struct CausalPast {
    let db: Database
    let clock: CausalClock?
    var pending = PendingEvents()
    var cache: FactCache? = nil

    func contains(_ id: String) throws -> Bool {
        guard let info = try pending.info(id, db) else { return false }
        guard let clock else { return true }
        return clock.includes(author: info.author, seq: info.seq)
    }

    func retired(_ thing: String) throws -> String? {
        for id in try retirements(of: thing) where try contains(id) { return id }
        return nil
    }

    func retirements(of thing: String) throws -> [String] {
        if let known = cache?.retirements[thing] { return known }
        let ids = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM retirements WHERE thing = ? ORDER BY id"), arguments: [thing])
        cache?.retirements[thing] = ids
        return ids
    }

    func merges(of code: String) throws -> [String] {
        if let known = cache?.merges[code] { return known }
        let ids = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM merges WHERE code = ? ORDER BY id"), arguments: [code])
        cache?.merges[code] = ids
        return ids
    }

    /// The member a key belongs to, and their role, as of this past —
    /// remembered per key and per set of member events in the past, since
    /// nothing else decides it.
    func membership(of key: String) throws -> Membership? {
        guard let cache, let clock else { return try lookUpMembership(of: key) }
        var view = key
        for event in try cache.loadMemberEvents(db) where clock.includes(author: event.author, seq: event.seq) {
            view += event.id.prefix(16)
        }
        if let known = cache.memberships[view] { return known }
        let found = try lookUpMembership(of: key)
        cache.memberships[view] = found
        return found
    }

    func lookUpMembership(of key: String) throws -> Membership? {
        let candidates = try String.fetchAll(db, sql: """
            SELECT DISTINCT thing FROM edits WHERE field = 'keys' AND instr(value, ?) > 0 ORDER BY thing
            """, arguments: [key])
        var removed: Membership? = nil
        for member in candidates where try contains(member) {
            guard let keys = try Register.value(db, thing: member, field: "keys", within: self)?.arrayValue,
                  keys.contains(.string(key)),
                  let roleName = try Register.value(db, thing: member, field: "role", within: self)?.stringValue,
                  let role = Role(rawValue: roleName)
            else { continue }
            // A key re-added under a new member after its old member's
            // removal belongs to the live one.
            let found = Membership(member: member, role: role, removed: try retired(member) != nil)
            if !found.removed { return found }
            removed = removed ?? found
        }
        return removed
    }
}

struct Membership {
    var member: String
    var role: Role
    var removed: Bool
}
