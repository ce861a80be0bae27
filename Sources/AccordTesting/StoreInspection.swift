import Foundation
import GRDB
import Store

/// Read-only looks into a replica's tables, for tests whose target does not
/// link GRDB (the sync tests): what the log holds and how its chains stand.
public struct LogFacts: Sendable, Equatable, CustomStringConvertible {
    /// Rows in the `events` table.
    public var events: Int
    /// Distinct event ids (equal to `events` unless an id was stored twice).
    public var distinctIDs: Int
    /// (author, seq) pairs held more than once: forks, kept as evidence.
    public var duplicatePositions: Int
    /// Authors whose held seqs do not cover 1…max (a gap in a chain).
    public var gappedAuthors: [String]
    /// Author key → highest held seq.
    public var heads: [String: Int64]

    /// Every event held once, every chain gapless (forks allowed).
    public var isSound: Bool { events == distinctIDs && gappedAuthors.isEmpty }

    public var description: String {
        "events \(events), distinct ids \(distinctIDs), duplicate (author, seq) \(duplicatePositions), gapped authors \(gappedAuthors.count)"
    }
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
                SELECT a.key, count(DISTINCT e.seq), min(e.seq), max(e.seq) FROM events e JOIN authors a ON a.idx = e.author GROUP BY a.key
                """) {
                let key: String = row[0], n: Int64 = row[1], lo: Int64 = row[2], hi: Int64 = row[3]
                heads[key] = hi
                if lo != 1 || n != hi { gapped.append(key) }
            }
            return LogFacts(events: events, distinctIDs: distinct, duplicatePositions: dup, gappedAuthors: gapped.sorted(), heads: heads)
        }
    }

    /// The (author, seq) positions held with more than one event: forks.
    public func forkedPositions() throws -> [(author: String, seq: Int64, ids: [String])] {
        try StoreFile.read(self) { db in
            try Row.fetchAll(db, sql: """
                SELECT a.key, e.seq, group_concat(e.id) FROM events e JOIN authors a ON a.idx = e.author
                GROUP BY e.author, e.seq HAVING count(*) > 1 ORDER BY a.key, e.seq
                """).map { ($0[0], $0[1], ($0[2] as String).split(separator: ",").map(String.init).sorted()) }
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
