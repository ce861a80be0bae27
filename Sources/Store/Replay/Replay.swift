import Foundation
import GRDB

extension Store {
    /// A read-only view of the projections at `moment`: the live store for
    /// `.now`, otherwise the log up to that moment refolded into an in-memory
    /// database by the same projector, so history is answered by the very
    /// code that answers the present.
    func view(at moment: Moment) throws(AccordError) -> any DatabaseReader {
        if moment == .now { return database }
        let snapshot: DatabaseQueue
        let project = try self.project()
        do {
            snapshot = try DatabaseQueue()
            try snapshot.write { db in
                try db.execute(sql: "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                if let project { try db.execute(sql: "INSERT INTO meta VALUES ('project', ?)", arguments: [project]) }
                try Schema.createProjectionTables(db)
            }
        } catch { throw AccordError("store_error", "\(error)") }
        let events = try eventBytes(at: moment)
        do {
            try snapshot.write { db in
                for bytes in events { try Projector.apply(try Event(stored: bytes).unsigned, db) }
                try Schema.createProjectionIndexes(db)
            }
        } catch let error as AccordError { throw error } catch { throw AccordError("store_error", "\(error)") }
        return snapshot
    }

    /// The stored bytes of every event at `moment`, in arrival (causal) order.
    func eventBytes(at moment: Moment) throws(AccordError) -> [[UInt8]] {
        try readDatabase { db in
            switch moment {
            case .now:
                return try Blob.fetchAll(db, sql: "SELECT bytes FROM events ORDER BY rowid").map(\.bytes)
            case .time(let t):
                return try Blob.fetchAll(db, sql: "SELECT bytes FROM events WHERE time <= ? ORDER BY rowid", arguments: [t]).map(\.bytes)
            case .event(let prefix):
                let id = try Store.resolveEventID(prefix, db)
                let clock = CausalClock(blob: try Blob.fetchOne(db, sql: "SELECT clock FROM events WHERE id = ?", arguments: [id])!.bytes)
                var out: [[UInt8]] = []
                let rows = try Row.fetchCursor(db, sql: "SELECT author, seq, bytes FROM events ORDER BY rowid")
                while let row = try rows.next() {
                    if clock.includes(author: row[0], seq: row[1]) { out.append((row[2] as Blob).bytes) }
                }
                return out
            }
        }
    }

    /// A full id from a unique prefix of at least 8 hex digits.
    static func resolveEventID(_ text: String, _ db: Database) throws -> String {
        guard let prefix = IDPrefix.parse(text) else { throw AccordError.unknownEvent("no event with id \(text)") }
        let ids = try IDPrefix.matches(db, table: "events", prefix: prefix)
        guard ids.count == 1 else { throw ids.isEmpty ? AccordError.unknownEvent("no event with id \(text)") : IDPrefix.ambiguous(text, "event") }
        return ids[0]
    }

    /// Drops the projections and folds them again from the log, in one
    /// transaction. Returns the number of events folded.
    @discardableResult
    public func rebuild(progress: ((Int, Int) -> Void)? = nil) throws(AccordError) -> Int {
        try write { db in
            try Schema.dropProjectionTables(db)
            try Schema.createProjectionTables(db)
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            var done = 0
            let rows = try Blob.fetchCursor(db, sql: "SELECT bytes FROM events ORDER BY rowid")
            while let blob = try rows.next() {
                try Projector.apply(try Event(stored: blob.bytes).unsigned, db)
                done += 1
                if done % 10_000 == 0 { progress?(done, total) }
            }
            progress?(done, total)
            try Schema.createProjectionIndexes(db)
            return done
        }
    }

    /// The digest of the projection state at `moment` (DESIGN §4).
    public func stateDigest(at moment: Moment = .now) throws(AccordError) -> String {
        let view = try view(at: moment)
        do { return try view.read { try StateDigest.compute($0) } } catch { throw AccordError("store_error", "\(error)") }
    }
}
