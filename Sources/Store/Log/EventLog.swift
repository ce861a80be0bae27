import Foundation
import GRDB

/// Writes and reads the log tables: events with their exact bytes, each
/// author's head, the replica's heads, and the causal clock of each event.
enum EventLog {
    static func authorIndex(_ db: Database, key: String, create: Bool) throws -> Int64? {
        if let idx = try Int64.fetchOne(db.cachedStatement(sql: "SELECT idx FROM authors WHERE key = ?"), arguments: [key]) { return idx }
        guard create else { return nil }
        try db.execute(sql: "INSERT INTO authors (key) VALUES (?)", arguments: [key])
        return db.lastInsertedRowID
    }

    /// Appends a validated event. The caller has checked that its parents are
    /// held, so the event is a new head and its parents no longer are.
    static func insert(_ event: Event, clock: CausalClock, _ db: Database) throws {
        let idx = try authorIndex(db, key: event.author, create: true)!
        var clock = clock
        clock.advance(author: idx, to: event.seq)
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events (id, author, seq, time, type, clock, bytes) VALUES (?,?,?,?,?,?,?)
            """)
        try statement.execute(arguments: [event.id, idx, event.seq, event.time, event.type.rawValue,
                                          Blob(clock.blob), Blob(event.bytes)])
        try db.cachedStatement(sql: "UPDATE authors SET head_seq = ?, head_id = ? WHERE idx = ?")
            .execute(arguments: [event.seq, event.id, idx])
        let unhead = try db.cachedStatement(sql: "DELETE FROM heads WHERE id = ?")
        for parent in event.parents { try unhead.execute(arguments: [parent]) }
        try db.cachedStatement(sql: "INSERT INTO heads (id) VALUES (?)").execute(arguments: [event.id])
        if event.type == .projectCreated {
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('project', ?)", arguments: [event.id])
        }
    }

    /// Appends one author's validated batch (each event's prev the one
    /// before it): every event row, then the author's head and the
    /// replica's heads once, as the last event leaves them.
    static func insertBatch(_ events: [Event], clocks: [CausalClock], author idx: Int64, _ db: Database) throws {
        guard let first = events.first, let last = events.last else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events (id, author, seq, time, type, clock, bytes) VALUES (?,?,?,?,?,?,?)
            """)
        for (event, clock) in zip(events, clocks) {
            var own = clock
            own.advance(author: idx, to: event.seq)
            try statement.execute(arguments: [event.id, idx, event.seq, event.time, event.type.rawValue, Blob(own.blob), Blob(event.bytes)])
            if event.type == .projectCreated {
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('project', ?)", arguments: [event.id])
            }
        }
        try db.cachedStatement(sql: "UPDATE authors SET head_seq = ?, head_id = ? WHERE idx = ?")
            .execute(arguments: [last.seq, last.id, idx])
        let unhead = try db.cachedStatement(sql: "DELETE FROM heads WHERE id = ?")
        for parent in first.parents { try unhead.execute(arguments: [parent]) }
        try db.cachedStatement(sql: "INSERT INTO heads (id) VALUES (?)").execute(arguments: [last.id])
    }

    static func project(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'project'")
    }

    static func heads(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM heads ORDER BY id")
    }

    /// Each author's highest seq: the version vector sync exchanges.
    static func authorHeads(_ db: Database) throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, head_seq FROM authors WHERE head_seq > 0") {
            out[row[0]] = row[1]
        }
        return out
    }

    static func event(_ db: Database, id: String) throws -> Event? {
        guard let bytes = try Blob.fetchOne(db, sql: "SELECT bytes FROM events WHERE id = ?", arguments: [id])?.bytes else { return nil }
        return try Event(bytes: bytes)
    }
}

/// Bytes as SQLite blobs, without teaching GRDB about `[UInt8]` for
/// every module that imports Store.
struct Blob: DatabaseValueConvertible, StatementColumnConvertible {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var databaseValue: DatabaseValue { Data(bytes).databaseValue }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Blob? {
        Data.fromDatabaseValue(dbValue).map { Blob([UInt8]($0)) }
    }

    init(sqliteStatement: SQLiteStatement, index: CInt) {
        bytes = [UInt8](Data(sqliteStatement: sqliteStatement, index: index))
    }
}
