import GRDB

/// What an upper layer derives from a document's text and keeps (the unit
/// boundaries agreement compares on), as bytes the store does not read: a
/// document's id names its text, so an entry is never stale and is kept
/// across `rebuild`.
///
/// Filled on the first read that needs an entry, like `StatusCache`: the
/// read computes what is missing and `Store.keepDocumentUnits` writes it
/// afterwards, best effort.
extension StoreView {
    /// The entries kept under `scheme`, by document id.
    public func documentUnits(scheme: String) throws(AccordError) -> [String: [UInt8]] {
        try run {
            var out: [String: [UInt8]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT document, units FROM main.document_units WHERE scheme = ?", arguments: [scheme])
            while let row = try rows.next() { out[row[0]] = (row[1] as Blob).bytes }
            return out
        }
    }
}

extension Store {
    /// Keeps derived entries of documents under `scheme`, best effort
    /// (`keep(_:)`).
    public func keepDocumentUnits(_ entries: [String: [UInt8]], scheme: String) {
        guard !entries.isEmpty else { return }
        keep { db in
            let insert = try db.makeStatement(sql: "INSERT OR REPLACE INTO document_units (document, scheme, units) VALUES (?, ?, ?)")
            for (document, units) in entries.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [document, scheme, Blob(units)])
            }
        }
    }
}
