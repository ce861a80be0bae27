import Foundation
import GRDB

/// Where a series of past states is cut: every so many microseconds of
/// history (at the multiples of the interval since the epoch, so `1d` cuts at
/// each UTC midnight), or after every so many events.
public enum SeriesCut: Sendable, Equatable {
    case interval(Int64)
    case events(Int)
}

/// One cut of a series: the state after every event up to it.
public struct SeriesPoint: Sendable {
    /// Every event with `time <= time` is in (for an event cut: up to that event).
    public var time: Int64
    /// How many events the state holds.
    public var events: Int
    /// The newest event folded in, in the total order (time, author, seq).
    public var lastEvent: String
}

extension Store {
    /// Runs `body` on the state at each cut of the history, oldest first, with
    /// one forward fold of the log: the events in their total order (time,
    /// author, seq), which respects causality, so every prefix is a causally
    /// closed cut and folds to the state `read(at: .time(T))` sees. The last
    /// point is the present. Costs one replay, however many cuts.
    public func readSeries<T>(cut: SeriesCut, maxPoints: Int,
                              _ body: (SeriesPoint, StoreView) throws -> T) throws(AccordError) -> [T] {
        let log: [(bytes: [UInt8], time: Int64, id: String)] = try readDatabase { db in
            try Row.fetchAll(db, sql: """
                SELECT e.bytes, e.time, e.id FROM events e JOIN authors a ON a.idx = e.author ORDER BY e.time, a.key, e.seq
                """).map { ((($0[0] as Blob).bytes), $0[1], $0[2]) }
        }
        guard let first = log.first, let last = log.last else { return [] }
        // The index after which each cut falls.
        var ends: [Int] = []
        switch cut {
        case .events(let n):
            guard n > 0 else { throw AccordError("bad_step", "a series step is at least one event") }
            ends = Array(stride(from: n - 1, to: log.count - 1, by: n))
        case .interval(let micros):
            guard micros > 0 else { throw AccordError("bad_step", "a series step is longer than zero") }
            var boundary = (first.time / micros + 1) * micros - 1
            var i = 0
            while boundary < last.time {
                while i + 1 < log.count, log[i + 1].time <= boundary { i += 1 }
                if ends.last != i { ends.append(i) }
                if ends.count > maxPoints { break }
                boundary += micros
            }
        }
        ends.append(log.count - 1)
        guard ends.count <= maxPoints else {
            throw AccordError("too_many_steps", "that step cuts the history into more than \(maxPoints) points; choose a longer one")
        }
        let project = try self.project()
        do {
            // The same fold the live store runs on receipt (admission,
            // projection, then the effects of cuts), so voided events and
            // forks at each point are what `read(at:)` would show.
            let snapshot = try DatabaseQueue()
            try Schema.migrator.migrate(snapshot)
            if let project {
                try snapshot.write { db in
                    try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('project', ?)", arguments: [project])
                }
            }
            var results: [T] = []
            var next = 0
            for end in ends {
                try snapshot.write { db in
                    let validator = try Validator(db: db, now: Int64.max / 2)
                    while next <= end {
                        _ = try receiveOne(try Event(stored: log[next].bytes), validator: validator, db)
                        next += 1
                    }
                }
                let point = SeriesPoint(time: log[end].time, events: end + 1, lastEvent: log[end].id)
                results.append(try snapshot.read { db in try body(point, StoreView(db: db)) })
            }
            return results
        } catch let error as AccordError { throw error } catch { throw AccordError("store_error", "\(error)") }
    }
}
