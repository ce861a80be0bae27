import Foundation
import GRDB

/// Folds one admitted event's facts into the projection tables.
///
/// A pure fold of the event *set*: applying the same events in any causal
/// order leaves the same rows (ties are broken by ids and (time, author), never
/// by arrival), so a late event from an offline coder never forces a rebuild,
/// and `state_digest` agrees across replicas.
///
/// Every admitted event's facts are kept, voided or not (events/README §12):
/// the `voided` table says which have no effect, every value derived from
/// several events (a register's value, a coding's withdrawal, a member's
/// removal) leaves voided ones out, and reads skip them. So a cut that
/// arrives late voids events by adding rows and refreshing a few values,
/// never by refolding the log.
enum Projector {
    /// `member` is the member the author's key belonged to in the event's own
    /// causal past: who a coding or a done mark is by, even after that key
    /// passes to someone else (events/README §12.5). `row` is the event's
    /// position in the log (`events.rowid`), by which a coding is kept;
    /// `rows` names the positions of the events a coding refers to.
    static func apply(_ event: UnsignedEvent, row: Int64, member: String?, rows: EventRows, _ db: Database) throws {
        let id = event.id.hex
        let author = event.author.hex
        switch event.body {
        case .projectCreated(let b):
            try addMember(db, id: id, name: b.member, role: .lead, keys: [author], event: event)
            try Register.record(db, edit: id, thing: id, field: "project_name", value: .string(b.name), time: event.time,
                                author: author, base: [])
        case .memberAdded(let b):
            try addMember(db, id: id, name: b.name, role: b.role, keys: b.keys.map(\.hex), event: event)
        case .memberChanged(let b):
            var values: [(String, JSONValue)] = []
            if let name = b.name { values.append(("name", .string(name))) }
            if let role = b.role { values.append(("role", .string(role.rawValue))) }
            if let keys = b.keys { values.append(("keys", .array(keys.map { .string($0.hex) }))) }
            try recordEdits(db, event, thing: b.member.hex, values: values, base: b.base)
            try refreshMember(db, b.member.hex)
        case .memberRemoved(let b):
            try retire(db, event, thing: b.member.hex, kind: "member")
        case .documentAdded(let b):
            let meta = CanonicalJSON.string(.object(b.meta.mapValues { .string($0) }))
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO documents (id, title, sha256, length, text, meta, author, time) VALUES (?,?,?,?,?,?,?,?)
                """).execute(arguments: [id, b.title, b.sha256.hex, b.length, b.text, meta, author, event.time])
        case .documentRetired(let b):
            try retire(db, event, thing: b.document.hex, kind: "document")
        case .codeDefined(let b):
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO codes (id, name, parent, description, color, exclusive, time, guid, codable)
                    VALUES (?,?,?,?,?,?,?,?,?)
                """).execute(arguments: [id, b.name, b.parent?.hex, b.description, b.color, b.exclusive, event.time, b.guid, b.codable])
            var values: [(String, JSONValue)] = [
                ("name", .string(b.name)), ("parent", b.parent.map { .string($0.hex) } ?? .null),
                ("description", .string(b.description)), ("color", b.color.map { .string($0) } ?? .null),
                ("exclusive", .bool(b.exclusive)),
            ]
            // `codable` is an edit only when false: a codable code's edits
            // stay exactly those earlier versions wrote, and so does the digest.
            if !b.codable { values.append(("codable", .bool(false))) }
            for (field, value) in values {
                try Register.record(db, edit: id, thing: id, field: field, value: value, time: event.time, author: author, base: [])
            }
        case .codeChanged(let b):
            var values: [(String, JSONValue)] = []
            if let name = b.name { values.append(("name", .string(name))) }
            if let parent = b.parent { values.append(("parent", parent.map { .string($0.hex) } ?? .null)) }
            if let description = b.description { values.append(("description", .string(description))) }
            if let color = b.color { values.append(("color", color.map { .string($0) } ?? .null)) }
            if let exclusive = b.exclusive { values.append(("exclusive", .bool(exclusive))) }
            if let codable = b.codable { values.append(("codable", .bool(codable))) }
            try recordEdits(db, event, thing: b.code.hex, values: values, base: b.base)
            try refreshCode(db, b.code.hex)
        case .codeMerged(let b):
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO merges (id, code, into_code, time, author) VALUES (?,?,?,?,?)")
                .execute(arguments: [id, b.code.hex, b.into.hex, event.time, author])
        case .codeRetired(let b):
            try retire(db, event, thing: b.code.hex, kind: "code")
        case .segmentCoded(let b):
            // The document, code and member are events the coding's causal
            // past holds (validation checked), so each has a position.
            try db.cachedStatement(sql: #"INSERT INTO coding_rows (event, document, code, start, "end", member) VALUES (?, ?, ?, ?, ?, ?)"#)
                .execute(arguments: [row, try rows.row(of: b.document.hex, db), try rows.row(of: b.code.hex, db), b.start, b.end,
                                     try member.flatMap { try rows.row(of: $0, db) }])
        case .segmentUncoded(let b):
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO withdrawals (id, coding) VALUES (?,?)").execute(arguments: [id, b.coding.hex])
            try refreshWithdrawal(db, b.coding.hex)
        case .memoAdded(let b):
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO memos (id, author, time, text, document, code, coding) VALUES (?,?,?,?,?,?,?)
                """).execute(arguments: [id, author, event.time, b.text, b.document?.hex, b.code?.hex, b.coding?.hex])
        case .documentDone(let b):
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO done (id, document, author, time, member) VALUES (?,?,?,?,?)").execute(
                           arguments: [id, b.document.hex, author, event.time, member])
        case .adjudicationDecided(let b):
            let codes = JSONValue.array(b.codes.map { .string($0.hex) })
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO adjudications (id, document, start, "end", codes, note, author, time) VALUES (?,?,?,?,?,?,?,?)
                """).execute(arguments: [id, b.document.hex, b.start, b.end, CanonicalJSON.string(codes), b.note, author, event.time])
            try Register.record(db, edit: id, thing: Adjudication.unitKey(document: b.document.hex, start: b.start, end: b.end),
                                field: "codes", value: codes, time: event.time, author: author, base: b.base.map(\.hex))
        }
    }

    static func addMember(_ db: Database, id: String, name: String, role: Role, keys: [String], event: UnsignedEvent) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO members (id, name, role, time) VALUES (?,?,?,?)",
                       arguments: [id, name, role.rawValue, event.time])
        let fields: [(String, JSONValue)] = [("name", .string(name)), ("role", .string(role.rawValue)),
                                            ("keys", .array(keys.map { .string($0) }))]
        for (field, value) in fields {
            try Register.record(db, edit: id, thing: id, field: field, value: value, time: event.time,
                                author: event.author.hex, base: [])
        }
        try refreshMember(db, id)
    }

    static func recordEdits(_ db: Database, _ event: UnsignedEvent, thing: String, values: [(String, JSONValue)],
                            base: [EventID]) throws {
        for (field, value) in values {
            try Register.record(db, edit: event.id.hex, thing: thing, field: field, value: value, time: event.time,
                                author: event.author.hex, base: base.map(\.hex))
        }
    }

    static func refreshMember(_ db: Database, _ member: String) throws {
        guard let name = try Register.value(db, thing: member, field: "name")?.stringValue,
              let role = try Register.value(db, thing: member, field: "role")?.stringValue,
              let keys = try Register.value(db, thing: member, field: "keys")?.arrayValue
        else { return }
        try db.execute(sql: "UPDATE members SET name = ?, role = ? WHERE id = ?", arguments: [name, role, member])
        try db.execute(sql: "DELETE FROM member_keys WHERE member = ?", arguments: [member])
        for key in keys.compactMap(\.stringValue) {
            try db.execute(sql: "INSERT OR IGNORE INTO member_keys (key, member, added_by) VALUES (?,?,?)",
                           arguments: [key, member, member])
        }
    }

    static func refreshCode(_ db: Database, _ code: String) throws {
        var values: [String: JSONValue] = [:]
        for field in Codebook.fields {
            guard let v = try Register.value(db, thing: code, field: field) else { return }
            values[field] = v
        }
        // No edit of `codable` yet: the code was defined codable and never changed.
        let codable = try Register.value(db, thing: code, field: "codable")?.boolValue ?? true
        try db.execute(sql: "UPDATE codes SET name = ?, parent = ?, description = ?, color = ?, exclusive = ?, codable = ? WHERE id = ?",
                       arguments: [values["name"]!.stringValue, values["parent"]!.stringValue,
                                   values["description"]!.stringValue, values["color"]!.stringValue,
                                   values["exclusive"]!.boolValue, codable, code])
    }

    static func retire(_ db: Database, _ event: UnsignedEvent, thing: String, kind: String) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO retirements (id, thing, kind, author, time) VALUES (?,?,?,?,?)")
            .execute(arguments: [event.id.hex, thing, kind, event.author.hex, event.time])
        if kind == "member" { try refreshRemoval(db, thing) }
    }

    /// A coding is withdrawn by its smallest effective `segment.uncoded`,
    /// whichever arrived first.
    static func refreshWithdrawal(_ db: Database, _ coding: String) throws {
        try db.cachedStatement(sql: """
            UPDATE coding_rows SET uncoded_by = (SELECT rowid FROM main.events WHERE id = (SELECT min(w.id) FROM withdrawals w
                WHERE w.coding = ?1 AND w.id NOT IN (SELECT id FROM voided)))
            WHERE event = (SELECT rowid FROM main.events WHERE id = ?1)
            """).execute(arguments: [coding])
    }

    /// A member is removed by its smallest effective `member.removed`.
    static func refreshRemoval(_ db: Database, _ member: String) throws {
        try db.execute(sql: """
            UPDATE members SET removed_by = (SELECT min(r.id) FROM retirements r WHERE r.thing = ?1 AND r.kind = 'member'
                AND r.id NOT IN (SELECT id FROM voided)) WHERE id = ?1
            """, arguments: [member])
    }

    /// Recomputes what depends on `event` after its effect changed (it was
    /// voided, or stopped being): the derived values of the things it touches.
    static func refresh(after event: UnsignedEvent, _ db: Database) throws {
        switch event.body {
        case .projectCreated, .memberAdded: try refreshMember(db, event.id.hex)
        case .memberChanged(let b): try refreshMember(db, b.member.hex)
        case .memberRemoved(let b): try refreshRemoval(db, b.member.hex)
        case .codeDefined: try refreshCode(db, event.id.hex)
        case .codeChanged(let b): try refreshCode(db, b.code.hex)
        case .segmentUncoded(let b): try refreshWithdrawal(db, b.coding.hex)
        default: break
        }
    }
}

enum Codebook {
    /// The fields of a code that `code.defined` always sets, each its own
    /// register; `code.changed` edits these and `codable`, whose register
    /// may hold no edit (then the code is codable).
    static let fields = ["name", "parent", "description", "color", "exclusive"]
}

enum Adjudication {
    static func unitKey(document: String, start: Int64, end: Int64) -> String { "\(document):\(start):\(end)" }
}
