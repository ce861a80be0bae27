import GRDB

/// The events an event had seen when it was made: the held events whose
/// (author, seq) its clock covers. `clock == nil` means everything held, which
/// is exactly the causal past of an event this replica is authoring now.
struct CausalPast {
    let db: Database
    let clock: CausalClock?
    var pending = PendingEvents()

    func contains(_ id: String) throws -> Bool {
        guard let info = try pending.info(id, db) else { return false }
        guard let clock else { return true }
        return clock.includes(author: info.author, seq: info.seq)
    }

    func retired(_ thing: String) throws -> String? {
        for id in try String.fetchAll(db, sql: "SELECT id FROM retirements WHERE thing = ? ORDER BY id", arguments: [thing]) {
            if try contains(id) { return id }
        }
        return nil
    }

    /// The member a key belongs to, and their role, as of this past.
    func membership(of key: String) throws -> Membership? {
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
