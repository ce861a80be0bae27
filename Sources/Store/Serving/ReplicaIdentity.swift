import GRDB

extension Store {
    /// This replica's own id: 16 random bytes in hex, made the first time it
    /// is asked for and kept in the `meta` table. Sync requests are signed
    /// for one replica (events/README.md §14), so a request captured on its
    /// way to one replica of a project is refused by every other.
    ///
    /// A replica copied folder and all keeps the id; `clone` makes a new one.
    public func replicaID() async throws(AccordError) -> String {
        // Read first: once made, the id costs no write (and waits for no write lock).
        if let id = try await readSuspending({ db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'replica'") }) {
            return id
        }
        var random = SystemRandomNumberGenerator()
        let fresh = Hex.encode((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &random) })
        do {
            return try await database.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO meta (key, value) VALUES ('replica', ?)", arguments: [fresh])
                return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'replica'") ?? fresh
            }
        } catch {
            throw AccordError("store_error", "cannot record the replica id: \(error)")
        }
    }
}
