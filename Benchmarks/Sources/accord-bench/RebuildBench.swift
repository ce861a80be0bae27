import Foundation
import GRDB
import Store

/// Benchmark 2 (issue 2): `store.rebuild()` of a large log — drop the
/// projections and fold every event again, one transaction — against a GRDB
/// cursor reading the same event bytes without folding, and the same cursor
/// parsing each event (`Event(stored:)`) without projecting it.
enum RebuildBench {
    static func run(_ options: Options) throws {
        let target = options.int("events", full: 1_000_000, quick: 100_000)
        let info = try LargeStore.ensure(events: target, options)
        let store = try Store(directory: info.root.appendingPathComponent(Store.directoryName))
        let report = Report("rebuild: store.rebuild() of \(Format.int(info.events)) events")
        report.parameter("events", Format.int(info.events))
        report.parameter("store size", Format.bytes(info.bytes))
        if info.generated {
            report.row("(generating the store: append in batches of \(Format.int(LargeStore.batch)))",
                       Format.rate(Double(info.events) / info.generationSeconds), Format.seconds(info.generationSeconds))
        }

        // Baseline first (it also warms the page cache for the rebuild), on a
        // read-only connection of its own to the same file.
        let file = try StoreFile.reader(store)
        note("reading every event's bytes with a GRDB cursor")
        let (readBytes, readSeconds) = try timed {
            try file.read { db -> Int in
                var total = 0
                let cursor = try Row.fetchCursor(db, sql: "SELECT bytes FROM events ORDER BY rowid")
                while let row = try cursor.next() { total += try row.withUnsafeData(atIndex: 0) { $0?.count ?? 0 } }
                return total
            }
        }
        note("reading and parsing every event (Event(stored:)), no projection")
        let (_, parseSeconds) = try timed {
            try file.read { db -> Int in
                var n = 0
                let cursor = try Data.fetchCursor(db, sql: "SELECT bytes FROM events ORDER BY rowid")
                while let data = try cursor.next() {
                    let e = try Event(stored: [UInt8](data))
                    n &+= Int(e.seq)
                }
                return n
            }
        }
        let (digestBefore, digestSeconds) = try timed { try store.stateDigest() }
        note("rebuilding")
        let (folded, rebuildSeconds) = try timed { try store.rebuild() }
        let digestAfter = try store.stateDigest()
        precondition(digestBefore == digestAfter, "rebuild changed the state digest")
        try StoreFile.checkpoint(store)

        let rate = Double(folded) / rebuildSeconds
        let readRate = Double(info.events) / readSeconds
        report.parameter("event bytes", Format.bytes(readBytes))
        report.row("rebuild", Format.rate(rate), Format.seconds(rebuildSeconds))
        report.row("GRDB cursor over event bytes (no fold)", Format.rate(readRate), Format.seconds(readSeconds))
        report.row("cursor + Event(stored:) parse (no projection)", Format.rate(Double(info.events) / parseSeconds), Format.seconds(parseSeconds))
        report.row("rebuild / cursor read", Format.ratio(rate / readRate))
        report.row("state_digest unchanged by rebuild", "yes", String(digestAfter.prefix(16)))
        report.row("(store.stateDigest() itself)", Format.seconds(digestSeconds), "\(Format.rate(Double(info.events) / digestSeconds)) events")
        report.goal("rebuild ≥ 500,000 events/s (\(Format.rate(rate)))", met: rate >= 500_000)
        report.print()
        Results.record("rebuild", ["events": Double(info.events), "rebuild_per_s": rate, "cursor_per_s": readRate,
                                   "parse_per_s": Double(info.events) / parseSeconds])
    }
}
