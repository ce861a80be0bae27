import Foundation
import GRDB

extension Store {
    /// Runs `body` on the projections at `moment`, in one snapshot: the
    /// live store for `.now`; the past as a query over the live tables
    /// (`PastState`) when the voided events restrict to it, else the log up
    /// to that moment refolded into an in-memory database by the same
    /// projector. Either way history is answered by the very code that
    /// answers the present. `replay` forces the refold (the tests hold the
    /// query to it).
    func readState<T>(at moment: Moment, replay: Bool = false, _ body: (Database) throws -> T) throws(AccordError) -> T {
        if moment == .now { return try readDatabase(body) }
        do {
            if !replay, let result = try PastState.read(file: databaseFile, moment: moment, body) { return result }
            return try replayed(at: moment).read(body)
        } catch let error as AccordError { throw error } catch { throw AccordError("store_error", "\(error)") }
    }

    /// The log up to `moment` refolded into an in-memory replica.
    private func replayed(at moment: Moment) throws(AccordError) -> DatabaseQueue {
        let rows = try eventRows(at: moment)
        do {
            let snapshot = try DatabaseQueue()
            try Schema.migrator.migrate(snapshot)
            try snapshot.write { db in
                if let project = try self.project() {
                    try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('project', ?)", arguments: [project])
                }
                for row in rows {
                    try db.execute(sql: "INSERT OR IGNORE INTO authors (idx, key) VALUES (?, ?)", arguments: [row.author, row.key])
                    try db.execute(sql: """
                        INSERT INTO events (id, author, chain, seq, time, type, clock, bytes) VALUES (?,?,?,?,?,?,?,?)
                        """, arguments: [row.id, row.author, row.chain, row.seq, row.time, row.type, Blob(row.clock), Blob(row.bytes)])
                }
                try Refold.run(db)
            }
            return snapshot
        } catch let error as AccordError { throw error } catch { throw AccordError("store_error", "\(error)") }
    }

    /// The log rows at `moment`, in arrival (causal) order.
    func eventRows(at moment: Moment) throws(AccordError) -> [StoredEventRow] {
        try readDatabase { db in
            var clock: CausalClock? = nil
            var until: Int64? = nil
            switch moment {
            case .now: break
            case .time(let t): until = t
            case .event(let prefix):
                let id = try Store.resolveEventID(prefix, db)
                clock = CausalClock(blob: try Blob.fetchOne(db, sql: "SELECT clock FROM events WHERE id = ?", arguments: [id])!.bytes)
            }
            var out: [StoredEventRow] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT e.id, e.author, a.key, e.chain, e.seq, e.time, e.type, e.clock, e.bytes
                FROM events e JOIN authors a ON a.idx = e.author WHERE e.time <= ? ORDER BY e.rowid
                """, arguments: [until ?? Int64.max])
            while let row = try rows.next() {
                if let clock, !clock.includes(chain: row[3], seq: row[4]) { continue }
                out.append(StoredEventRow(id: row[0], author: row[1], key: row[2], chain: row[3], seq: row[4], time: row[5], type: row[6],
                                          clock: (row[7] as Blob).bytes, bytes: (row[8] as Blob).bytes))
            }
            return out
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
        try write { db in try Refold.run(db, progress: progress) }
    }

    /// The digest of the projection state at `moment` (DESIGN §4).
    public func stateDigest(at moment: Moment = .now) throws(AccordError) -> String {
        if moment == .now { return try liveStateDigest() }
        return try readState(at: moment) { try StateDigest.compute($0) }
    }
}

/// One row of the log, as `--at` copies the past into a replica of its own.
struct StoredEventRow {
    var id: String
    var author: Int64
    var key: String
    var chain: Int64
    var seq: Int64
    var time: Int64
    var type: String
    var clock: [UInt8]
    var bytes: [UInt8]
}
