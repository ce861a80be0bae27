import GRDB

/// What `status` reports that costs a pass over a whole table — the
/// `state_digest` (a hash over every projection row) and the event and
/// coding counts — kept beside the log head it was computed at.
///
/// The projections are a function of the events held, and the log only
/// grows, so the highest rowid of `events` names the projection state, with
/// one exception: `rebuild` (and the first open after a layout change)
/// refolds the projections from the same events, and may repair a damaged
/// row. `Refold` therefore counts its runs in `meta` and forgets the cache;
/// an entry is trusted only for the head *and* refold count it was made at.
///
/// The entry is computed in a read (a snapshot, so writers go on), then
/// kept by a short write that checks the key again: a writer that committed
/// in between changed the head or the count, and the stale entry is
/// dropped instead of kept.
enum StatusCache {
    struct Key: Equatable {
        var head: Int64
        var refolds: String
    }

    struct Entry: Equatable {
        var digest: String
        var events: Int
        var codings: Int
    }

    static func key(_ db: Database) throws -> Key {
        Key(head: try Int64.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM events") ?? 0,
            refolds: try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'refolds'") ?? "0")
    }

    /// The entry at this snapshot, from the cache when it holds this key.
    static func read(_ db: Database) throws -> (entry: Entry, key: Key, cached: Bool) {
        let key = try key(db)
        if let row = try Row.fetchOne(db, sql: "SELECT digest, events, codings FROM status_cache WHERE head = ? AND refolds = ?",
                                      arguments: [key.head, key.refolds]) {
            return (Entry(digest: row[0], events: row[1], codings: row[2]), key, true)
        }
        let entry = Entry(
            digest: try StateDigest.compute(db),
            events: try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0,
            codings: try CodingRow.currentCount(db))
        return (entry, key, false)
    }

    /// Keeps `entry` if the store is still at `key`.
    static func keep(_ entry: Entry, at key: Key, _ db: Database) throws {
        guard try self.key(db) == key else { return }
        try db.execute(sql: "DELETE FROM status_cache")
        try db.execute(sql: "INSERT INTO status_cache (head, refolds, digest, events, codings) VALUES (?, ?, ?, ?, ?)",
                       arguments: [key.head, key.refolds, entry.digest, entry.events, entry.codings])
    }

    /// Called by `Refold`: the projections about to be folded may differ from
    /// the ones the cache hashed (a repair), whatever the head.
    static func forget(_ db: Database) throws {
        guard try db.tableExists("status_cache") else { return }
        try db.execute(sql: "DELETE FROM status_cache")
        let count = Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'refolds'") ?? "0") ?? 0
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('refolds', ?)", arguments: ["\(count + 1)"])
    }
}

extension Store {
    /// The live digest, from `StatusCache` when the log has not moved since
    /// it was last computed.
    func liveStateDigest() throws(AccordError) -> String {
        let (entry, key, cached) = try readDatabase { db in try StatusCache.read(db) }
        if !cached { keep(entry, at: key) }
        return entry.digest
    }

    /// Keeps an entry computed at `key`, best effort (`keep(_:)`).
    func keep(_ entry: StatusCache.Entry, at key: StatusCache.Key) {
        keep { db in try StatusCache.keep(entry, at: key, db) }
    }
}
