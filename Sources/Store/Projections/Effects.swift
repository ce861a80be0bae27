import GRDB

/// Settles what admitted events do (events/README §12): after an event's
/// facts are projected, records whether it is voided; when a member event
/// changes which events take effect, judges every held event again.
enum Effects {
    /// `before` is the global resolution as it was before `event` was added,
    /// for a member event; nil for the others.
    static func settle(_ event: UnsignedEvent, _ admission: Admission, before: Resolution?, validator: Validator,
                       _ db: Database) throws {
        let authority = validator.authority
        if let before {
            let after = authority.globalResolution
            let sameMembers = after.effectiveIDs.subtracting([event.id]) == before.effectiveIDs
            let sameCuts = after.cuts.map(\.event.id).filter { $0 != event.id } == before.cuts.map(\.event.id)
            let newCut = after.cuts.first { $0.event.id == event.id }
            guard sameMembers, sameCuts else { return try rejudgeAll(validator, db) }
            if let newCut, try reachesHeld(newCut, db) { return try rejudgeAll(validator, db) }
        }
        if let voiding = try authority.voiding(of: event, chain: admission.chain, clock: admission.clock) {
            try record(event.id, voiding, db)
            authority.noteVoided(event.id)
            try Projector.refresh(after: event, db)
        }
    }

    static func record(_ id: EventID, _ voiding: Voiding, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO voided (id, reason, cause) VALUES (?,?,?)")
            .execute(arguments: [id.hex, voiding.reason, voiding.cause.hex])
    }

    /// Whether a cut reaches any held event: some chain of a key its target
    /// ever held goes past what the cut had seen.
    static func reachesHeld(_ cut: Cut, _ db: Database) throws -> Bool {
        let keys = try String.fetchAll(db, sql: """
            SELECT DISTINCT k.value FROM edits e, json_each(e.value) k WHERE e.thing = ? AND e.field = 'keys'
            """, arguments: [cut.target.hex])
        guard !keys.isEmpty else { return false }
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.idx, c.head_seq FROM chains c JOIN authors a ON a.idx = c.author
            WHERE a.key IN (\(keys.map { _ in "?" }.joined(separator: ",")))
            """, arguments: StatementArguments(keys))
        return rows.contains { row in !cut.event.clock.includes(chain: row[0], seq: row[1]) }
    }

    /// Judges every held event again under the global resolution, in log
    /// order (a causal order, so a reference is judged before what names
    /// it), and applies what changed.
    static func rejudgeAll(_ validator: Validator, _ db: Database) throws {
        let authority = validator.authority
        var statuses: [EventID: Voiding] = [:]
        var events: [EventID: UnsignedEvent] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT chain, clock, bytes FROM events ORDER BY rowid")
        while let row = try rows.next() {
            let event = try Event(stored: (row[2] as Blob).bytes).unsigned
            let clock = CausalClock(blob: (row[1] as Blob).bytes)
            if let voiding = try authority.voiding(of: event, chain: row[0], clock: clock, isVoided: { statuses[$0] != nil }) {
                statuses[event.id] = voiding
                events[event.id] = event
            }
        }
        var before: [EventID: Voiding] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, reason, cause FROM voided") {
            if let id = EventID(hex: row[0]), let cause = EventID(hex: row[2]) { before[id] = Voiding(reason: row[1], cause: cause) }
        }
        var changed: [EventID] = []
        for (id, voiding) in statuses where before[id] != voiding {
            try record(id, voiding, db)
            changed.append(id)
        }
        for id in before.keys where statuses[id] == nil {
            try db.execute(sql: "DELETE FROM voided WHERE id = ?", arguments: [id.hex])
            changed.append(id)
        }
        authority.forgetVoided()
        for id in changed {
            guard let event = try events[id] ?? validator.positions.event(id.hex, db) else { continue }
            try Projector.refresh(after: event, db)
        }
    }
}
