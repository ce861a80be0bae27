import GRDB

/// A shared field that several people may edit: a code's name, a member's
/// role, the consensus codes of an adjudicated unit.
///
/// Each edit names in `base` the edits it replaces. The *live* edits of a
/// field are those no other edit of that field names; one live edit is the
/// value, several are a conflict whose deterministic winner is the greatest
/// (time, author) until a lead writes an edit whose base names them all, like
/// a merge commit. The live set depends only on the set of edits, so the fold
/// is commutative.
enum Register {
    static func record(_ db: Database, edit: String, thing: String, field: String, value: JSONValue,
                       time: Int64, author: String, base: [String]) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO edits (edit_id, thing, field, value, time, author) VALUES (?,?,?,?,?,?)")
            .execute(arguments: [edit, thing, field, CanonicalJSON.string(value), time, author])
        for b in base {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO edit_bases (edit_id, base_id) VALUES (?,?)").execute(arguments: [edit, b])
        }
    }

    struct Edit: Sendable {
        var id: String
        var value: JSONValue
        var time: Int64
        var author: String
    }

    /// The live edits of a field, winner first. `within` restricts the edits
    /// to a causal past (validation of a received event).
    static func live(_ db: Database, thing: String, field: String, within past: CausalPast? = nil) throws -> [Edit] {
        // Voided edits are not edits (events/README §12.3); the live set and
        // the winner (greatest (time, author, id)) come from the rest. A causal
        // past being judged for admission decides for itself which count.
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT edit_id, value, time, author FROM edits WHERE thing = ? AND field = ?
                AND (?3 OR edit_id NOT IN (SELECT id FROM voided))
            ORDER BY time DESC, author DESC, edit_id DESC
            """), arguments: [thing, field, past != nil])
        var edits = try rows.map { Edit(id: $0[0], value: try parseStored($0[1] as String), time: $0[2], author: $0[3]) }
        if let past { edits = try edits.filter { try past.counts($0.id) } }
        let ids = Set(edits.map(\.id))
        var superseded = Set<String>()
        for edit in edits {
            let bases = try String.fetchAll(db.cachedStatement(sql: "SELECT base_id FROM edit_bases WHERE edit_id = ?"), arguments: [edit.id])
            for b in bases where ids.contains(b) { superseded.insert(b) }
        }
        return edits.filter { !superseded.contains($0.id) }
    }

    static func value(_ db: Database, thing: String, field: String, within past: CausalPast? = nil) throws -> JSONValue? {
        try live(db, thing: thing, field: field, within: past).first?.value
    }

    /// A JSON value the store wrote itself; unreadable means the file was
    /// altered behind accord's back, which is reported, never read as null.
    static func parseStored(_ text: String) throws(AccordError) -> JSONValue {
        do { return try JSONParser.parse(text) } catch {
            throw AccordError("store_damaged", "a projection row holds unreadable JSON (\(error)); run `accord verify`, then `accord rebuild`")
        }
    }
}
