import GRDB

/// Where an event sits in the causal order: enough to check a chain link, a
/// parent's time and causal-past membership.
struct EventPosition {
    var author: Int64
    var seq: Int64
    var time: Int64
    var clock: CausalClock
}

/// Events of the batch being written that are validated and projected but not
/// yet in the log table (their signatures are still being computed).
final class PendingEvents {
    private var byID: [String: EventPosition] = [:]
    private var byAuthorSeq: [Int64: [Int64: String]] = [:]

    func add(_ id: String, _ position: EventPosition) {
        byID[id] = position
        byAuthorSeq[position.author, default: [:]][position.seq] = id
    }

    func id(author: Int64, seq: Int64) -> String? { byAuthorSeq[author]?[seq] }

    /// The position of a held or pending event, nil if it is neither.
    /// Positions never change, so every one looked up is remembered.
    func info(_ id: String, _ db: Database) throws -> EventPosition? {
        if let p = byID[id] ?? held[id] { return p }
        let statement = try db.cachedStatement(sql: "SELECT author, seq, time, clock FROM events WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        let position = EventPosition(author: row[0], seq: row[1], time: row[2], clock: CausalClock(blob: (row[3] as Blob).bytes))
        if held.count > 20_000 { held.removeAll(keepingCapacity: true) }
        held[id] = position
        return position
    }

    private var held: [String: EventPosition] = [:]
}
