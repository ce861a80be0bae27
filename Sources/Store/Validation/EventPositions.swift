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

/// Positions of held events, remembered as they are looked up or stored.
/// Every event is stored as soon as it is admitted (an append's later
/// events are still being signed meanwhile), so a batch's events build on
/// each other through the log table; this cache spares a query for the one
/// each names as `prev`.
final class EventPositions {
    private var held: [String: EventPosition] = [:]

    func add(_ event: UnsignedEvent, _ position: EventPosition) {
        remember(event.id.hex, position)
    }

    /// The position of a held event, nil if it is not held. Positions
    /// never change, so every one looked up is remembered.
    func info(_ id: String, _ db: Database) throws -> EventPosition? {
        if let p = held[id] { return p }
        let statement = try db.cachedStatement(sql: "SELECT author, chain, seq, time, clock FROM events WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        let position = EventPosition(author: row[0], chain: row[1], seq: row[2], time: row[3], clock: CausalClock(blob: (row[4] as Blob).bytes))
        remember(id, position)
        return position
    }

    private func remember(_ id: String, _ position: EventPosition) {
        if held.count > 20_000 { held.removeAll(keepingCapacity: true) }
        held[id] = position
    }

    /// The event itself, for the rare checks that need its body.
    func event(_ id: String, _ db: Database) throws -> UnsignedEvent? {
        try EventLog.event(db, id: id)?.unsigned
    }
}
