import GRDB

/// The log positions (`events.rowid`) of the events a fold names again and
/// again: the few documents, codes and members that every coding names,
/// each looked up once per batch instead of once per coding (an index
/// search on a 64-hex key each time).
final class EventRows {
    private var rows: [String: Int64] = [:]

    /// The position of the held event `id`; nil if it is not held.
    func row(of id: String, _ db: Database) throws -> Int64? {
        if let row = rows[id] { return row }
        guard let row = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM main.events WHERE id = ?"), arguments: [id])
        else { return nil }
        // Positions never change; the bound only keeps a batch that names
        // many distinct events from growing without end.
        if rows.count >= 4_096 { rows.removeAll(keepingCapacity: true) }
        rows[id] = row
        return row
    }
}
