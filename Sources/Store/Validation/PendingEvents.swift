import GRDB

/// Where an event sits in the causal order: enough to check a chain link, a
/// parent's time and causal-past membership.
struct EventPosition {
    var author: Int64
    var chain: Int64
    var seq: Int64
    var time: Int64
    /// Its causal past, itself included.
    var clock: CausalClock
}

/// Positions of held events, and of the events of the batch being written
/// that are validated but not yet in the log table (their signatures are
/// still being computed).
final class PendingEvents {
    private var byID: [String: EventPosition] = [:]
    private var events: [String: UnsignedEvent] = [:]
    private var held: [String: EventPosition] = [:]

    func add(_ event: UnsignedEvent, _ position: EventPosition) {
        byID[event.id.hex] = position
        events[event.id.hex] = event
    }

    /// The position of a held or pending event, nil if it is neither.
    /// Positions never change, so every one looked up is remembered.
    func info(_ id: String, _ db: Database) throws -> EventPosition? {
        if let p = byID[id] ?? held[id] { return p }
        let statement = try db.cachedStatement(sql: "SELECT author, chain, seq, time, clock FROM events WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        let position = EventPosition(author: row[0], chain: row[1], seq: row[2], time: row[3], clock: CausalClock(blob: (row[4] as Blob).bytes))
        if held.count > 20_000 { held.removeAll(keepingCapacity: true) }
        held[id] = position
        return position
    }

    /// The event itself, for the rare checks that need its body.
    func event(_ id: String, _ db: Database) throws -> UnsignedEvent? {
        if let pending = events[id] { return pending }
        return try EventLog.event(db, id: id)?.unsigned
    }
}
