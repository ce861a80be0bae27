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
    /// signature, each author's chain (seq without gaps, prev linking the
    /// previous event) and that every dep was held before the event.
    /// Stops at the first broken event, which it names.
    public func verify(progress: ((Int, Int) -> Void)? = nil) throws(AccordError) -> VerifyReport {
        try readDatabase { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            var chains: [String: (seq: Int64, id: String)] = [:]
            var checked = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, id, bytes FROM events ORDER BY rowid")
            let depRow = try db.makeStatement(sql: "SELECT rowid FROM events WHERE id = ?")
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
                    let last = chains[event.author]
                    if event.seq != (last?.seq ?? 0) + 1 || event.prev != last?.id {
                        return VerifyReport(events: checked, failure: (item.id, .badSeq(
                            "chain of author \(event.author.prefix(12))… broken at seq \(event.seq): prev should be \(last?.id ?? "null")")))
                    }
                    for dep in event.deps {
                        guard let r = try Int64.fetchOne(depRow, arguments: [dep]), r < item.rowid else {
                            return VerifyReport(events: checked, failure: (item.id, .missingDep("dep \(dep) is not held before this event")))
                        }
                    }
                    chains[event.author] = (event.seq, event.id)
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
            // The chains end where the store says each author's head is: an
            // event cut from the end of a chain leaves its head dangling.
            for row in try Row.fetchAll(db, sql: "SELECT key, head_seq, head_id FROM authors WHERE head_seq > 0") {
                let key: String = row[0], seq: Int64 = row[1], id: String? = row[2]
                if chains[key]?.seq != seq || chains[key]?.id != id {
                    return VerifyReport(events: checked, failure: (id ?? "?", .missingPrev(
                        "author \(key.prefix(12))…'s head is event \(id ?? "?") at seq \(seq), but the log's chain ends at seq \(chains[key]?.seq ?? 0)")))
                }
            }
            for head in try String.fetchAll(db, sql: "SELECT id FROM heads") where try Int.fetchOne(depRow, arguments: [head]) == nil {
                return VerifyReport(events: checked, failure: (head, .missingDep("head event \(head) is missing from the log")))
            }
            return VerifyReport(events: checked, failure: nil)
        }
    }
}
