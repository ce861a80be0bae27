import GRDB

/// Which events `log` shows.
public struct LogFilter: Sendable {
    public var authors: Set<String>?
    public var type: String?
    public var since: Int64?
    public var until: Int64?
    public var moment: Moment = .now

    public init() {}
}

extension Store {
    /// Events in the shared total order (time, author, seq), filtered.
    public func log(_ filter: LogFilter) throws(AccordError) -> [Event] {
        var out: [Event] = []
        try forEachLogged(filter) { bytes throws(AccordError) in out.append(try Event(stored: bytes)) }
        return out
    }

    /// The stored bytes of the events `log` returns, in the same order, not
    /// decoded: what `log --json` prints. (Decoding was nine tenths of that
    /// command on a 300k-event log; the bytes were checked on receipt, and
    /// `verify` checks them again.)
    public func forEachLogged(_ filter: LogFilter, _ body: ([UInt8]) throws(AccordError) -> Void) throws(AccordError) {
        var clock: CausalClock? = nil
        var until = filter.until
        switch filter.moment {
        case .now: break
        case .time(let t): until = min(until ?? t, t)
        case .event(let prefix):
            clock = try readDatabase { db in
                let id = try Store.resolveEventID(prefix, db)
                return CausalClock(blob: try Blob.fetchOne(db, sql: "SELECT clock FROM events WHERE id = ?", arguments: [id])!.bytes)
            }
        }
        try readDatabase { db in
            var sql = "SELECT e.bytes, e.chain, e.seq FROM events e JOIN authors a ON a.idx = e.author WHERE 1"
            var arguments: StatementArguments = []
            if let type = filter.type { sql += " AND e.type = ?"; arguments += [type] }
            if let since = filter.since { sql += " AND e.time >= ?"; arguments += [since] }
            if let until { sql += " AND e.time <= ?"; arguments += [until] }
            if let authors = filter.authors {
                sql += " AND a.key IN (\(authors.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(Array(authors))
            }
            sql += " ORDER BY e.time, a.key, e.seq, e.id"
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                if let clock, !clock.includes(chain: row[1], seq: row[2]) { continue }
                try body((row[0] as Blob).bytes)
            }
        }
    }

    /// One event by id or unique prefix, refused if it did not exist yet at `moment`.
    public func event(_ prefix: String, at moment: Moment = .now) throws(AccordError) -> Event {
        let event = try readDatabase { db in
            let id = try Store.resolveEventID(prefix.lowercased(), db)
            return try EventLog.event(db, id: id)!
        }
        switch moment {
        case .now: return event
        case .time(let t):
            guard event.time <= t else { throw AccordError.unknownEvent("event \(event.id.prefix(12)) did not exist yet at \(ISOTime.format(t))") }
        case .event:
            var filter = LogFilter()
            filter.moment = moment
            filter.authors = [event.author]
            guard try log(filter).contains(where: { $0.id == event.id }) else {
                throw AccordError.unknownEvent("event \(event.id.prefix(12)) is not in the causal past of that event")
            }
        }
        return event
    }
}
