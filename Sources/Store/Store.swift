import Foundation
import GRDB
import Logging

/// One replica of one project: the signed event log in SQLite and the
/// projections folded from it, in the same file, updated in the same
/// transaction.
///
/// A store lives in a `.accord` directory: `store.sqlite` (WAL mode) and
/// `keys/` (the keyring). Several processes may use one store at once;
/// writers take SQLite's write lock before choosing seq and prev, so
/// concurrent appends still make a gapless chain.
public final class Store: Sendable {
    public let directory: URL
    let database: DatabasePool
    public let keyring: Keyring
    let logger = Logger(label: "accord.store")

    public static let directoryName = ".accord"

    /// How long a connection waits for another process's write lock.
    static let busyTimeout: TimeInterval = 30

    /// The SQLite file, for tools that inspect a store with their own
    /// connection (tests, benchmarks); accord itself reads it only through
    /// this type.
    public var databaseFile: URL { directory.appendingPathComponent("store.sqlite") }

    /// Opens (creating if needed) the store in `directory` (the `.accord` folder).
    public init(directory: URL, create: Bool = false) throws(AccordError) {
        let file = directory.appendingPathComponent("store.sqlite")
        if !create, !FileManager.default.fileExists(atPath: file.path) {
            throw AccordError("not_a_project", "no accord store at \(directory.path); run `accord init` or pass --store")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var config = Configuration()
            config.busyMode = .timeout(Store.busyTimeout)
            // An 8 MiB page cache per connection (the pool has a writer and
            // up to five readers); a large import or clone spills dirty
            // pages to the WAL beyond it. At 32 MiB each, a clone of 100k
            // events peaked at 232 MB of memory (124 MB now), a server at
            // 96 MB (79 MB); the read benchmarks moved within their noise.
            // A new file gets 16 KiB pages: an event's row is most of a
            // kilobyte, and 4 KiB pages left about a sixth of the log's pages
            // empty (a row that does not fit starts the next page). The size
            // of an existing file's pages never changes (WAL mode), so this
            // is a no-op there.
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA cache_size = -8192")
                try db.execute(sql: "PRAGMA page_size = 16384")
            }
            database = try DatabasePool(path: file.path, configuration: config)
            try Schema.migrator.migrate(database)
        } catch {
            throw AccordError("store_unreadable", "cannot open \(file.path): \(error)")
        }
        self.directory = directory
        self.keyring = Keyring(directory: directory.appendingPathComponent("keys"))
        try finishMigration()
    }

    /// Walks up from `start` to the nearest folder holding `.accord`, as git
    /// finds `.git`.
    public static func locate(from start: URL) -> URL? {
        var url = start.standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(directoryName)
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("store.sqlite").path) { return candidate }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    public func project() throws(AccordError) -> String? {
        try readDatabase { db in try EventLog.project(db) }
    }

    func readDatabase<T>(_ body: (Database) throws -> T) throws(AccordError) -> T {
        do { return try database.read(body) } catch let error as AccordError { throw error } catch {
            throw AccordError("store_error", "\(error)")
        }
    }

    /// One write transaction (GRDB takes SQLite's write lock at its start,
    /// `BEGIN IMMEDIATE`, so seq and prev are chosen with no writer in between).
    func write<T>(_ body: (Database) throws -> T) throws(AccordError) -> T {
        do { return try database.write(body) } catch let error as AccordError { throw error } catch {
            throw AccordError("store_error", "\(error)")
        }
    }

    /// One write transaction of what a read computed and keeps for the next
    /// (`StatusCache`, `document_units`), best effort: given up at once when
    /// another connection holds the write lock, instead of waiting out the
    /// busy timeout, and on a store that cannot be written. The read has
    /// answered either way, and the next one computes again.
    func keep(_ body: (Database) throws -> Void) {
        try? database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(Store.busyTimeout * 1000))") }
            try db.inTransaction(.immediate) {
                try body(db)
                return .commit
            }
        }
    }

    /// The replica's clock in microseconds since the Unix epoch.
    public static func nowMicros() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000) }

    /// What a layout change leaves for the first open: refold the
    /// projections, and receive again the equivocation evidence earlier
    /// versions kept aside (a fork is admitted now, events/README §11.3).
    func finishMigration() throws(AccordError) {
        let pending: Bool = try readDatabase { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'refold'") != nil
        }
        guard pending else { return }
        try write { db in
            try Refold.run(db)
            try db.execute(sql: "DELETE FROM meta WHERE key = 'refold'")
        }
        let evidence: [[UInt8]] = try readDatabase { db in
            try Blob.fetchAll(db, sql: "SELECT bytes FROM equivocations ORDER BY author, seq, id").map(\.bytes)
        }
        if !evidence.isEmpty { _ = try receive(evidence) }
        try write { db in try db.execute(sql: "DELETE FROM equivocations") }
    }
}
