import Foundation
import GRDB

/// Folds one event into the projection tables.
///
/// A pure fold of the event *set*: applying the same events in any causal
/// order leaves the same rows (ties are broken by ids and (time, author), never
/// by arrival), so a late event from an offline coder never forces a rebuild,
/// and `state_digest` agrees across replicas.
enum Projector {
    static func apply(_ event: Event, _ db: Database) throws {
        let b = event.body
        let id = event.id
        switch event.type {
        case .projectCreated:
            try addMember(db, id: id, name: b["member"]!.stringValue!, role: .lead, keys: [event.author], event: event)
            try Register.record(db, edit: id, thing: id, field: "project_name", value: b["name"]!, time: event.time,
                                author: event.author, base: [])
        case .memberAdded:
            try addMember(db, id: id, name: b["name"]!.stringValue!, role: Role(rawValue: b["role"]!.stringValue!)!,
                          keys: b["keys"]!.arrayValue!.compactMap(\.stringValue), event: event)
        case .memberChanged:
            let member = b["member"]!.stringValue!
            try recordEdits(db, event, thing: member, fields: ["name", "role", "keys"])
            try refreshMember(db, member)
        case .memberRemoved:
            try retire(db, event, thing: b["member"]!.stringValue!, kind: "member")
        case .documentAdded:
            let meta = CanonicalJSON.string(b["meta"]!)
            try db.execute(sql: """
                INSERT OR IGNORE INTO documents (id, title, sha256, length, text, meta, author, time) VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [id, b["title"]!.stringValue!, b["sha256"]!.stringValue!, b["length"]!.intValue!,
                                 b["text"]!.stringValue!, meta, event.author, event.time])
        case .documentRetired:
            try retire(db, event, thing: b["document"]!.stringValue!, kind: "document")
        case .codeDefined:
            try db.execute(sql: """
                INSERT OR IGNORE INTO codes (id, name, parent, description, color, exclusive, time) VALUES (?,?,?,?,?,?,?)
                """, arguments: [id, b["name"]!.stringValue!, b["parent"]!.stringValue, b["description"]!.stringValue!,
                                 b["color"]!.stringValue, b["exclusive"]!.boolValue!, event.time])
            for field in Codebook.fields {
                try Register.record(db, edit: id, thing: id, field: field, value: b[field]!, time: event.time,
                                    author: event.author, base: [])
            }
        case .codeChanged:
            let code = b["code"]!.stringValue!
            try recordEdits(db, event, thing: code, fields: Codebook.fields)
            try refreshCode(db, code)
        case .codeMerged:
            try db.execute(sql: "INSERT OR IGNORE INTO merges (id, code, into_code, time, author) VALUES (?,?,?,?,?)",
                           arguments: [id, b["code"]!.stringValue!, b["into"]!.stringValue!, event.time, event.author])
        case .codeRetired:
            try retire(db, event, thing: b["code"]!.stringValue!, kind: "code")
        case .segmentCoded:
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO codings (id, document, code, author, start, "end", time) VALUES (?,?,?,?,?,?,?)
                """).execute(arguments: [id, b["document"]!.stringValue!, b["code"]!.stringValue!, event.author,
                                 b["start"]!.intValue!, b["end"]!.intValue!, event.time])
        case .segmentUncoded:
            // Two concurrent removals of one coding: the smaller id is recorded,
            // whichever arrives first.
            try db.cachedStatement(sql: """
                UPDATE codings SET uncoded_by = CASE WHEN uncoded_by IS NULL OR uncoded_by > ?1 THEN ?1 ELSE uncoded_by END
                WHERE id = ?2
                """).execute(arguments: [id, b["coding"]!.stringValue!])
        case .memoAdded:
            try db.execute(sql: """
                INSERT OR IGNORE INTO memos (id, author, time, text, document, code, coding) VALUES (?,?,?,?,?,?,?)
                """, arguments: [id, event.author, event.time, b["text"]!.stringValue!, b["document"]?.stringValue,
                                 b["code"]?.stringValue, b["coding"]?.stringValue])
        case .documentDone:
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO done (id, document, author, time) VALUES (?,?,?,?)").execute(
                           arguments: [id, b["document"]!.stringValue!, event.author, event.time])
        case .adjudicationDecided:
            let document = b["document"]!.stringValue!
            let start = b["start"]!.intValue!, end = b["end"]!.intValue!
            try db.execute(sql: """
                INSERT OR IGNORE INTO adjudications (id, document, start, "end", codes, note, author, time) VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [id, document, start, end, CanonicalJSON.string(b["codes"]!), b["note"]!.stringValue!,
                                 event.author, event.time])
            try Register.record(db, edit: id, thing: Adjudication.unitKey(document: document, start: start, end: end),
                                field: "codes", value: b["codes"]!, time: event.time, author: event.author,
                                base: b["base"]!.arrayValue!.compactMap(\.stringValue))
        }
    }

    static func addMember(_ db: Database, id: String, name: String, role: Role, keys: [String], event: Event) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO members (id, name, role, time) VALUES (?,?,?,?)",
                       arguments: [id, name, role.rawValue, event.time])
        let fields: [(String, JSONValue)] = [("name", .string(name)), ("role", .string(role.rawValue)),
                                            ("keys", .array(keys.map { .string($0) }))]
        for (field, value) in fields {
            try Register.record(db, edit: id, thing: id, field: field, value: value, time: event.time,
                                author: event.author, base: [])
        }
        try refreshMember(db, id)
    }

    static func recordEdits(_ db: Database, _ event: Event, thing: String, fields: [String]) throws {
        let base = event.body["base"]!.arrayValue!.compactMap(\.stringValue)
        for field in fields {
            guard let value = event.body[field] else { continue }
            try Register.record(db, edit: event.id, thing: thing, field: field, value: value, time: event.time,
                                author: event.author, base: base)
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
        try db.execute(sql: "UPDATE codes SET name = ?, parent = ?, description = ?, color = ?, exclusive = ? WHERE id = ?",
                       arguments: [values["name"]!.stringValue, values["parent"]!.stringValue,
                                   values["description"]!.stringValue, values["color"]!.stringValue,
                                   values["exclusive"]!.boolValue, code])
    }

    static func retire(_ db: Database, _ event: Event, thing: String, kind: String) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO retirements (id, thing, kind, author, time) VALUES (?,?,?,?,?)",
                       arguments: [event.id, thing, kind, event.author, event.time])
        if kind == "member" {
            try db.execute(sql: """
                UPDATE members SET removed_by = CASE WHEN removed_by IS NULL OR removed_by > ?1 THEN ?1 ELSE removed_by END
                WHERE id = ?2
                """, arguments: [event.id, thing])
        }
    }
}

enum Codebook {
    /// The fields of a code that `code.changed` can edit, each its own register.
    static let fields = ["name", "parent", "description", "color", "exclusive"]
}

enum Adjudication {
    static func unitKey(document: String, start: Int64, end: Int64) -> String { "\(document):\(start):\(end)" }
}
