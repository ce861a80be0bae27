import Foundation
import GRDB

extension Store {
    /// A read-only view of the projections at `moment`: the live store for
    /// `.now`, otherwise the log up to that moment refolded into an in-memory
    /// database by the same projector, so history is answered by the very
    /// code that answers the present.
    public func view(at moment: Moment) throws(AccordError) -> any DatabaseReader {
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
                for bytes in events { try Projector.apply(try Event(stored: bytes), db) }
                try Schema.createProjectionIndexes(db)
            }
        } catch let error as AccordError { throw error } catch { throw AccordError("store_error", "\(error)") }
        return snapshot
    }

    /// The stored bytes of every event at `moment`, in arrival (causal) order.
    func eventBytes(at moment: Moment) throws(AccordError) -> [[UInt8]] {
        try read { db in
            switch moment {
            case .now:
                return try [UInt8].fetchAll(db, sql: "SELECT bytes FROM events ORDER BY rowid")
            case .time(let t):
                return try [UInt8].fetchAll(db, sql: "SELECT bytes FROM events WHERE time <= ? ORDER BY rowid", arguments: [t])
            case .event(let prefix):
                let id = try Store.resolveEventID(prefix, db)
                let clock = CausalClock(blob: try [UInt8].fetchOne(db, sql: "SELECT clock FROM events WHERE id = ?", arguments: [id])!)
                var out: [[UInt8]] = []
                let rows = try Row.fetchCursor(db, sql: "SELECT author, seq, bytes FROM events ORDER BY rowid")
                while let row = try rows.next() {
                    if clock.includes(author: row[0], seq: row[1]) { out.append(row[2]) }
                }
                return out
            }
        }
    }

    /// A full id from a unique prefix of at least 8 hex digits.
    static func resolveEventID(_ prefix: String, _ db: Database) throws -> String {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM events WHERE id >= ? AND id < ? LIMIT 2",
                                      arguments: [prefix, prefix + "g"])
        guard ids.count == 1 else {
            throw ids.isEmpty ? AccordError.unknownEvent("no event with id \(prefix)")
                : AccordError("ambiguous_id", "more than one event id starts with \(prefix); give more digits")
        }
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
            let rows = try [UInt8].fetchCursor(db, sql: "SELECT bytes FROM events ORDER BY rowid")
            while let bytes = try rows.next() {
                try Projector.apply(try Event(stored: bytes), db)
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
