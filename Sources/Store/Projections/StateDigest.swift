import Crypto
import GRDB

/// A SHA-256 over every projection row, in key order.
///
/// Projection rows hold only what events say (ids, bodies, times, authors),
/// never arrival order or local indexes, so two replicas holding the same
/// events have the same digest — the cheap proof that sync converged.
enum StateDigest {
    static let orderedTables: [(table: String, order: String)] = [
        ("members", "id"), ("member_keys", "key, member"), ("documents", "id"), ("codes", "id"),
        ("edits", "thing, field, edit_id"), ("edit_bases", "base_id, edit_id"), ("codings", "id"), ("done", "id"),
        ("memos", "id"), ("merges", "id"), ("adjudications", "id"), ("retirements", "id"),
    ]

    static func compute(_ db: Database) throws -> String {
        var hasher = SHA256()
        for (table, order) in orderedTables {
            hasher.update(data: Array("\u{1}\(table)\u{1}".utf8))
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
            while let row = try rows.next() {
                for value in row.databaseValues {
                    hasher.update(data: Array("\u{2}\(value.storage)".utf8))
                }
                hasher.update(data: [3])
            }
        }
        return Hex.encode(hasher.finalize())
    }
}
