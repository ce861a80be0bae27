import Foundation
import GRDB

/// What `verify` found: the number of events checked and the first broken
/// one, if any.
public struct VerifyReport: Sendable {
    public var events: Int
    public var failure: (event: String, error: AccordError)?

    public var isClean: Bool { failure == nil }
}

extension Store {
    /// Re-checks the whole log from its stored bytes: canonical form, id hash,
    /// signature, each author's chain (each prev held before the event, the
    /// same author's seq - 1; two events at one seq are a fork, which is
    /// allowed) and that every dep was held before the event. Stops at the
    /// first broken event, which it names.
    public func verify(progress: ((Int, Int) -> Void)? = nil) throws(AccordError) -> VerifyReport {
        try readDatabase { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            var checked = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, id, bytes FROM events ORDER BY rowid")
            let depRow = try db.makeStatement(sql: "SELECT rowid FROM events WHERE id = ?")
            let prevRow = try db.makeStatement(sql: "SELECT e.rowid, a.key, e.seq FROM events e JOIN authors a ON a.idx = e.author WHERE e.id = ?")
            var batch: [(rowid: Int64, id: String, bytes: [UInt8])] = []

            func flush() throws -> VerifyReport? {
                let decoded = Store.decodeInParallel(batch.map(\.bytes))
                for (item, result) in zip(batch, decoded) {
                    let event: Event
                    switch result {
                    case .failure(let error): return VerifyReport(events: checked, failure: (item.id, error))
                    case .success(let e): event = e
                    }
                    guard event.id == item.id else {
                        return VerifyReport(events: checked, failure: (item.id, .badId("stored under id \(item.id) but its bytes hash to \(event.id)")))
                    }
                    if let prev = event.prev {
                        guard let row = try Row.fetchOne(prevRow, arguments: [prev]), (row[0] as Int64) < item.rowid else {
                            return VerifyReport(events: checked, failure: (item.id, .missingPrev("prev \(prev) is not held before this event")))
                        }
                        guard (row[1] as String) == event.author, (row[2] as Int64) == event.seq - 1 else {
                            return VerifyReport(events: checked, failure: (item.id, .badSeq(
                                "chain of author \(event.author.prefix(12))… broken at seq \(event.seq): prev \(prev) is not its seq \(event.seq - 1)")))
                        }
                    }
                    for dep in event.deps {
                        guard let r = try Int64.fetchOne(depRow, arguments: [dep]), r < item.rowid else {
                            return VerifyReport(events: checked, failure: (item.id, .missingDep("dep \(dep) is not held before this event")))
                        }
                    }
                    checked += 1
                }
                batch.removeAll(keepingCapacity: true)
                progress?(checked, total)
                return nil
            }

            while let row = try rows.next() {
                batch.append((row[0], row[1], (row[2] as Blob).bytes))
                if batch.count == 4096, let report = try flush() { return report }
            }
            if let report = try flush() { return report }
            // Every chain ends where the store says its head is: an event cut
            // from the end of a chain leaves its head dangling.
            for row in try Row.fetchAll(db, sql: """
                SELECT c.head_id, c.head_seq, (SELECT max(e.seq) FROM events e WHERE e.chain = c.idx), a.key
                FROM chains c JOIN authors a ON a.idx = c.author
                """) {
                let id: String = row[0], seq: Int64 = row[1], held: Int64? = row[2], key: String = row[3]
                let headHeld = try Int.fetchOne(depRow, arguments: [id]) != nil
                if held != seq || !headHeld {
                    return VerifyReport(events: checked, failure: (id, .missingPrev(
                        "author \(key.prefix(12))…'s chain ends at event \(id) at seq \(seq), but the log holds it only to seq \(held ?? 0)")))
                }
            }
            for head in try String.fetchAll(db, sql: "SELECT id FROM heads") where try Int.fetchOne(depRow, arguments: [head]) == nil {
                return VerifyReport(events: checked, failure: (head, .missingDep("head event \(head) is missing from the log")))
            }
            return VerifyReport(events: checked, failure: nil)
        }
    }
}
