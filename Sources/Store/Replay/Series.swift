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
    /// The previous point's time, when this point's state is that one's
    /// plus the events after it, each with the same effect in both (both
    /// read as queries, so an event voided in one is voided in the other);
    /// nil for the first point and when the series was folded.
    public var since: Int64?
}

extension Store {
    /// Runs `body` on the state at each cut of the history, oldest first. A
    /// cut falls between two times (events of one time are never split), so
    /// each point is the state `read(at: .time(T))` sees, and each is read
    /// as that query (`PastState`). Should the voided events of the present
    /// not restrict to some cut, the whole series is answered by one forward
    /// fold of the log in its total order (time, author, seq) instead, which
    /// respects causality. The last point is the present.
    public func readSeries<T>(cut: SeriesCut, maxPoints: Int,
                              _ body: (SeriesPoint, StoreView) throws -> T) throws(AccordError) -> [T] {
        let (times, ends) = try seriesEnds(cut: cut, maxPoints: maxPoints)
        guard !times.isEmpty else { return [] }
        do {
            let past = try PastState(file: databaseFile)
            var results: [T] = []
            var previous: Int64? = nil
            for end in ends {
                guard let result = try past.read(at: .time(times[end]), { db in
                    // The newest event of the cut, in the total order, read in the cut's own snapshot.
                    let last = try String.fetchOne(db, sql: """
                        SELECT e.id FROM events e JOIN authors a ON a.idx = e.author WHERE e.time = ? ORDER BY a.key DESC, e.seq DESC LIMIT 1
                        """, arguments: [times[end]])!
                    return try body(SeriesPoint(time: times[end], events: end + 1, lastEvent: last, since: previous), StoreView(db: db))
                }) else { return try foldSeries(ends: ends, body) }
                previous = times[end]
                results.append(result)
            }
            return results
        } catch let error as AccordError { throw error } catch { throw AccordError("store_error", "\(error)") }
    }

    /// Every event's time in the total order, and the index after which
    /// each cut falls (the last index of its time).
    private func seriesEnds(cut: SeriesCut, maxPoints: Int) throws(AccordError) -> (times: [Int64], ends: [Int]) {
        let times = try readDatabase { db in try Int64.fetchAll(db, sql: "SELECT time FROM events ORDER BY time") }
        guard let first = times.first, let last = times.last else { return ([], []) }
        /// The last index holding the same time as `i`.
        func endOfTime(_ i: Int) -> Int {
            var j = i
            while j + 1 < times.count, times[j + 1] == times[i] { j += 1 }
            return j
        }
        var ends: [Int] = []
        switch cut {
        case .events(let n):
            guard n > 0 else { throw AccordError("bad_step", "a series step is at least one event") }
            var i = n - 1
            while i < times.count - 1 {
                let end = endOfTime(i)
                if end < times.count - 1, ends.last != end { ends.append(end) }
                if ends.count > maxPoints { break }
                i = max(i + n, end + 1)
            }
        case .interval(let micros):
            guard micros > 0 else { throw AccordError("bad_step", "a series step is longer than zero") }
            var boundary = (first / micros + 1) * micros - 1
            var i = 0
            while boundary < last {
                while i + 1 < times.count, times[i + 1] <= boundary { i += 1 }
                if ends.last != i { ends.append(i) }
                if ends.count > maxPoints { break }
                boundary += micros
            }
        }
        ends.append(times.count - 1)
        guard ends.count <= maxPoints else {
            throw AccordError("too_many_steps", "that step cuts the history into more than \(maxPoints) points; choose a longer one")
        }
        return (times, ends)
    }

    /// The series by one forward fold of the log in its total order, with
    /// the fold the live store runs on receipt (admission, projection, then
    /// the effects of cuts), so voided events and forks at each point are
    /// what a replay at that time shows. Costs one replay, however many cuts.
    private func foldSeries<T>(ends: [Int], _ body: (SeriesPoint, StoreView) throws -> T) throws -> [T] {
        let log: [(bytes: [UInt8], time: Int64, id: String)] = try readDatabase { db in
            try Row.fetchAll(db, sql: """
                SELECT e.bytes, e.time, e.id FROM events e JOIN authors a ON a.idx = e.author ORDER BY e.time, a.key, e.seq
                """).map { ((($0[0] as Blob).bytes), $0[1], $0[2]) }
        }
        let snapshot = try DatabaseQueue()
        try Schema.migrator.migrate(snapshot)
        if let project = try self.project() {
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
            let point = SeriesPoint(time: log[end].time, events: end + 1, lastEvent: log[end].id, since: nil)
            results.append(try snapshot.read { db in try body(point, StoreView(db: db)) })
        }
        return results
    }
}
