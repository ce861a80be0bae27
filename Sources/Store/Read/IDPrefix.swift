import GRDB

/// What a user types for an id: the whole 64 hex digits or a prefix of at
/// least eight, as git takes abbreviated hashes. One rule for events,
/// codings, codes and documents.
enum IDPrefix {
    static let minimumDigits = 8

    /// The prefix, lowercased, when `text` can abbreviate an id at all.
    static func parse(_ text: String) -> String? {
        let lower = text.lowercased()
        guard lower.count >= minimumDigits, lower.count <= 64, lower.utf8.allSatisfy({ Hex.nibble($0) != nil }) else { return nil }
        return lower
    }

    /// Up to two ids in `table` that start with `prefix` (two are enough to
    /// tell a unique match from an ambiguous one); a range scan on the id index.
    static func matches(_ db: Database, table: String, prefix: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM \(table) WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                            arguments: [prefix, prefix + "g"])
    }

    /// Items whose id starts with `prefix`, for the small in-memory lists of the catalog.
    static func matches<T>(_ items: [T], prefix: String, id: (T) -> String) -> [T] {
        items.filter { id($0).hasPrefix(prefix) }
    }

    /// The error for a prefix that matched several ids.
    static func ambiguous(_ text: String, _ what: String) -> AccordError {
        AccordError("ambiguous_id", "more than one \(what) id starts with \(text); give more digits")
    }
}
