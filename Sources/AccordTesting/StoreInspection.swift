import Foundation
import GRDB
import Store

/// Read-only looks into a replica's tables, for tests whose target does not
/// link GRDB (the sync tests): what the log holds, equivocation evidence and
/// quarantines.
public struct LogFacts: Sendable, Equatable, CustomStringConvertible {
    /// Rows in the `events` table.
    public var events: Int
    /// Distinct event ids (equal to `events` unless an id was stored twice).
    public var distinctIDs: Int
    /// (author, seq) pairs held more than once.
    public var duplicatePositions: Int
    /// Authors whose held seqs are not exactly 1…max (a gap in a chain).
    public var gappedAuthors: [String]
    /// Author key → highest held seq.
    public var heads: [String: Int64]

    /// Every event held once, every chain gapless.
    public var isSound: Bool { events == distinctIDs && duplicatePositions == 0 && gappedAuthors.isEmpty }

    public var description: String {
        "events \(events), distinct ids \(distinctIDs), duplicate (author, seq) \(duplicatePositions), gapped authors \(gappedAuthors.count)"
    }
}

/// One row of the `equivocations` table: the second event kept as evidence.
public struct EquivocationRecord: Sendable, Equatable {
    public var id: String
    public var author: String
    public var seq: Int64
    public var conflictsWith: String
    public var bytes: [UInt8]
}

extension Store {
    /// Counts and chain checks over the log table.
    public func logFacts() throws -> LogFacts {
        try StoreFile.read(self) { db in
            let events = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            let distinct = try Int.fetchOne(db, sql: "SELECT count(DISTINCT id) FROM events") ?? 0
            let dup = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT author, seq FROM events GROUP BY author, seq HAVING count(*) > 1)
                """) ?? 0
            var gapped: [String] = []
            var heads: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT a.key, count(e.id), min(e.seq), max(e.seq) FROM events e JOIN authors a ON a.idx = e.author GROUP BY a.key
                """) {
                let key: String = row[0], n: Int64 = row[1], lo: Int64 = row[2], hi: Int64 = row[3]
                heads[key] = hi
                if lo != 1 || n != hi { gapped.append(key) }
            }
            return LogFacts(events: events, distinctIDs: distinct, duplicatePositions: dup, gappedAuthors: gapped.sorted(), heads: heads)
        }
    }

    /// The equivocation evidence held.
    public func equivocationRecords() throws -> [EquivocationRecord] {
        try StoreFile.read(self) { db in
            try Row.fetchAll(db, sql: "SELECT id, author, seq, conflicts_with, bytes FROM equivocations ORDER BY author, seq, id").map {
                EquivocationRecord(id: $0[0], author: $0[1], seq: $0[2], conflictsWith: $0[3], bytes: [UInt8]($0[4] as Data))
            }
        }
    }

    /// Whether `key` is quarantined on this replica.
    public func isQuarantined(_ key: String) throws -> Bool {
        try StoreFile.read(self) { db in
            try Bool.fetchOne(db, sql: "SELECT quarantined FROM authors WHERE key = ?", arguments: [key]) ?? false
        }
    }

    /// Whether the log holds the event `id`.
    public func holds(_ id: String) throws -> Bool {
        try StoreFile.read(self) { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM events WHERE id = ?", arguments: [id]) ?? false }
    }

    /// Every held event's bytes, in the (time, author, seq) order sync sends them.
    public func allEventBytes() throws -> [[UInt8]] {
        try missing(have: [:], maxBytes: Int.max / 2).events
    }
}
