import GRDB
import Store

/// SQL on a store's file through a connection of the benchmark's own: the
/// baselines (raw cursors, raw inserts of the rows an import wrote) and the
/// checks (event counts) need rows that `Store`'s API deliberately does not
/// expose, and accord itself never hands out its connection.
enum StoreFile {
    /// A read-only connection to `store`'s SQLite file.
    static func reader(_ store: Store) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        return try DatabaseQueue(path: store.databaseFile.path, configuration: configuration)
    }

    static func read<T>(_ store: Store, _ body: (Database) throws -> T) throws -> T {
        try reader(store).read(body)
    }

    /// Folds the WAL into the main file (a checkpoint changes no row), so a
    /// cached store opens like a settled one.
    static func checkpoint(_ store: Store) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        try DatabaseQueue(path: store.databaseFile.path, configuration: configuration).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}
