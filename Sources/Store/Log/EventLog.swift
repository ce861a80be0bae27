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
    /// Returns the event's position in the log (its rowid).
    @discardableResult
    static func insert(_ event: Event, _ admission: Admission, _ db: Database) throws -> Int64 {
        let row = try insertRow(event, admission, db)
        try advanceChain(admission, seq: event.seq, id: event.id, db)
        try noteFork(event, admission, db)
        let unhead = try db.cachedStatement(sql: "DELETE FROM heads WHERE id = ?")
        for parent in event.parents { try unhead.execute(arguments: [parent]) }
        try db.cachedStatement(sql: "INSERT INTO heads (id) VALUES (?)").execute(arguments: [event.id])
        return row
    }

    /// After one author's validated batch (each event's prev the one before
    /// it) was stored row by row: the chain's head and the replica's heads,
    /// once, as the last event leaves them.
    static func advanceHeads(_ events: [Event], admissions: [Admission], _ db: Database) throws {
        guard let first = events.first, let last = events.last else { return }
        if admissions[0].newChain { try advanceChain(admissions[0], seq: first.seq, id: first.id, db) }
        try advanceChain(admissions[admissions.count - 1], seq: last.seq, id: last.id, db)
        let unhead = try db.cachedStatement(sql: "DELETE FROM heads WHERE id = ?")
        for parent in first.parents { try unhead.execute(arguments: [parent]) }
        try db.cachedStatement(sql: "INSERT INTO heads (id) VALUES (?)").execute(arguments: [last.id])
    }

    /// Of two copies of one event, keeps the one whose bytes sort first.
    ///
    /// The id covers everything but `sig`, and an author who picks their own
    /// Ed25519 nonce can sign one id twice, validly: two replicas could then
    /// hold different bytes for one event. Both copies mean the same (the
    /// state never reads `sig`), so which one is kept must only not depend
    /// on which arrived first: the smaller, byte for byte (SQLite compares
    /// blobs with memcmp), as events/README.md §4 says.
    static func keepFirstCopy(_ event: Event, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE events SET bytes = ?1 WHERE id = ?2 AND bytes > ?1")
            .execute(arguments: [Blob(event.bytes), event.id])
    }

    /// Stores an event's row; returns its position in the log.
    static func insertRow(_ event: Event, _ admission: Admission, _ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO events (id, author, chain, seq, time, type, clock, bytes) VALUES (?,?,?,?,?,?,?,?)
            """).execute(arguments: [event.id, admission.author, admission.chain, event.seq, event.time, event.type.rawValue,
                                     Blob(admission.clock.blob), Blob(event.bytes)])
        let row = db.lastInsertedRowID
        if event.type == .projectCreated {
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('project', ?)", arguments: [event.id])
        }
        return row
    }

    /// Moves a chain's head (making the chain when it is new) and the
    /// author's highest seq, which is what sync's version vector exchanges.
    private static func advanceChain(_ admission: Admission, seq: Int64, id: String, _ db: Database) throws {
        if admission.newChain {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO chains (idx, author, head_seq, head_id) VALUES (?,?,?,?)")
                .execute(arguments: [admission.chain, admission.author, seq, id])
        } else {
            try db.cachedStatement(sql: "UPDATE chains SET head_seq = ?, head_id = ? WHERE idx = ?")
                .execute(arguments: [seq, id, admission.chain])
        }
        try db.cachedStatement(sql: """
            UPDATE authors SET head_seq = ?1, head_id = ?2 WHERE idx = ?3 AND (head_seq < ?1 OR (head_seq = ?1 AND head_id > ?2))
            """).execute(arguments: [seq, id, admission.author])
    }

    /// A second event at an (author, seq) is a fork: all are listed
    /// (events/README §11.3). Only a received event can land on a seq its
    /// author already used; an append always writes past the author's tip.
    private static func noteFork(_ event: Event, _ admission: Admission, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO forks (id, author, seq)
            SELECT e.id, ?1, e.seq FROM events e WHERE e.author = ?2 AND e.seq = ?3
                AND (SELECT count(*) FROM events WHERE author = ?2 AND seq = ?3) > 1
            """).execute(arguments: [event.author, admission.author, event.seq])
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
