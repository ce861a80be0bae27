import Foundation
import GRDB

/// The signed requests a server has accepted, kept on disk for as long as
/// their timestamps could still pass the freshness window, so that no
/// request is accepted twice — not even after a restart.
///
/// It is its own SQLite file (`requests.sqlite` beside `store.sqlite`):
/// recording a request is a small write, and in the store's file it would
/// wait for SQLite's write lock behind every long push, so a plain read
/// would stall for as long as someone else pushed.
public final class RequestLedger: Sendable {
    let database: DatabasePool
    /// How long an entry is kept after its timestamp: twice the window the
    /// server accepts, so no entry expires while its request is still fresh.
    public let retention: Int64

    public init(directory: URL, retention: Int64) throws(AccordError) {
        let file = directory.appendingPathComponent("requests.sqlite")
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            database = try DatabasePool(path: file.path, configuration: config)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1-seen") { db in
                try db.execute(sql: """
                    CREATE TABLE seen (signature BLOB PRIMARY KEY, ts INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE INDEX seen_ts ON seen(ts);
                    """)
            }
            try migrator.migrate(database)
        } catch {
            throw AccordError("store_unreadable", "cannot open \(file.path): \(error)")
        }
        self.retention = retention
    }

    /// Records a request's signature; false when it was recorded before.
    /// Entries older than the retention go in the same transaction, now and
    /// then, so the file stays as small as the traffic of a few minutes.
    public func admit(signature: [UInt8], timestamp: Int64, now: Int64) async throws(AccordError) -> Bool {
        let retention = self.retention
        do {
            return try await database.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO seen (signature, ts) VALUES (?, ?)", arguments: [Data(signature), timestamp])
                let fresh = db.changesCount == 1
                if fresh, signature.first.map({ $0 < 4 }) == true {
                    try db.execute(sql: "DELETE FROM seen WHERE ts < ?", arguments: [now - retention])
                }
                return fresh
            }
        } catch {
            throw AccordError("store_error", "cannot record the request: \(error)")
        }
    }
}
