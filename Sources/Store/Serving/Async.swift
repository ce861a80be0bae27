import Crypto
import Dispatch
import GRDB

/// Where a request's key stands in the project: what a server must know
/// about a caller before it serves anything.
public enum KeyStanding: Sendable, Equatable {
    /// The key belongs to a current member, who has this role.
    case member(name: String, role: Role)
    /// The key belonged to a member once: removed, or replaced by a new key.
    case former
    /// The project never knew this key.
    case unknown
}

/// One received line: the event's id when the line could be read as an
/// event, and what became of it.
public struct ReceivedLine: Sendable, Equatable {
    public var id: String?
    public var outcome: ReceiveOutcome
}

/// What a sync page needs from one snapshot of the log: the events the
/// caller lacks and the heads they were read against.
public struct SyncSnapshot: Sendable {
    public var page: EventPage
    /// Each author's highest held seq.
    public var heads: [String: Int64]
    /// The heads digest (`headsDigest()`) of the same snapshot.
    public var headsDigest: String
}

/// The reads and writes a server makes, as `async` calls on GRDB's own
/// queues (`try await pool.read/write`): a request waiting for a reader
/// connection or for SQLite's write lock suspends instead of holding one of
/// Swift's few cooperative threads, and signature checks run on Dispatch's
/// threads, never on the cooperative pool.
extension Store {
    /// The project id and its current name; nil for a store with no genesis yet.
    public func projectSummary() async throws(AccordError) -> (project: String, name: String)? {
        try await readSuspending { db in
            guard let project = try EventLog.project(db) else { return nil }
            return (project, try Register.value(db, thing: project, field: "project_name")?.stringValue ?? "")
        }
    }

    /// One key's standing, read with three indexed lookups instead of a
    /// whole catalog (the same answer as `membership(ofKey:)`: a member
    /// whose creating event was voided is no member).
    public func keyStanding(_ key: String) async throws(AccordError) -> KeyStanding {
        try await readSuspending { db in
            if let row = try Row.fetchOne(db, sql: """
                SELECT m.name, m.role FROM member_keys k JOIN members m ON m.id = k.member
                WHERE k.key = ? AND m.removed_by IS NULL AND m.id NOT IN (SELECT id FROM voided)
                ORDER BY m.time, m.id LIMIT 1
                """, arguments: [key]) {
                let roleName: String = row[1]
                guard let role = Role(rawValue: roleName) else {
                    throw AccordError("store_damaged", "a member has the unknown role `\(roleName)`; run `accord verify`, then `accord rebuild`")
                }
                return .member(name: row[0], role: role)
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM member_keys WHERE key = ? LIMIT 1", arguments: [key]) == true {
                return .former
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM edits WHERE field = 'keys' AND instr(value, ?) > 0 LIMIT 1",
                                 arguments: [key]) == true {
                return .former
            }
            return .unknown
        }
    }

    /// `missing(have:maxBytes:)`, `authorHeads()` and `headsDigest()` from
    /// one read transaction, so the heads describe exactly the log the page
    /// was cut from.
    public func syncSnapshot(have: [String: Int64], maxBytes: Int) async throws(AccordError) -> SyncSnapshot {
        try await readSuspending { db in
            SyncSnapshot(page: try Store.missing(db, have: have, maxBytes: maxBytes), heads: try EventLog.authorHeads(db),
                         headsDigest: try Store.headsDigest(db))
        }
    }

    /// `receive(_:now:)` for a server: the lines are parsed and their
    /// signatures checked on every core through Dispatch, then judged in
    /// one write transaction that waits for SQLite's write lock on GRDB's
    /// writer queue.
    public func receiveSuspending(_ lines: [[UInt8]], now: Int64 = Store.nowMicros()) async throws(AccordError) -> [ReceivedLine] {
        let (decoded, ids) = await withCheckedContinuation { (continuation: CheckedContinuation<([Result<Event, AccordError>], [String?]), Never>) in
            DispatchQueue.global(qos: .userInitiated).async {
                let decoded = Store.decodeInParallel(lines)
                // A line refused before judging still reports its id when it parses as an event.
                let ids = zip(decoded, lines).map { item, line -> String? in
                    switch item {
                    case .success(let event): event.id
                    case .failure: try? Event(bytes: line).id
                    }
                }
                continuation.resume(returning: (decoded, ids))
            }
        }
        do {
            let outcomes = try await database.writeWithoutTransaction { db in
                var outcomes: [ReceiveOutcome] = []
                outcomes.reserveCapacity(decoded.count)
                try db.inTransaction(.immediate) {
                    let validator = try Validator(db: db, now: now)
                    for item in decoded {
                        switch item {
                        case .failure(let error): outcomes.append(.rejected(error))
                        case .success(let event): outcomes.append(try self.receiveOne(event, validator: validator, db))
                        }
                    }
                    return .commit
                }
                return outcomes
            }
            return zip(ids, outcomes).map { ReceivedLine(id: $0, outcome: $1) }
        } catch let error as AccordError { throw error } catch {
            throw AccordError("store_error", "\(error)")
        }
    }

    func readSuspending<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(AccordError) -> T {
        do { return try await database.read(body) } catch let error as AccordError { throw error } catch {
            throw AccordError("store_error", "\(error)")
        }
    }

    /// The page query of `missing(have:maxBytes:)` on an open read transaction
    /// (its one copy: `missing` runs it too).
    static func missing(_ db: Database, have: [String: Int64], maxBytes: Int) throws -> EventPage {
        var starts: [Int64] = []
        for (key, head) in try EventLog.authorHeads(db) where head > have[key, default: 0] {
            let time = try Int64.fetchOne(db, sql: """
                SELECT min(e.time) FROM events e JOIN authors a ON a.idx = e.author WHERE a.key = ? AND e.seq > ?
                """, arguments: [key, have[key, default: 0]])
            if let time { starts.append(time) }
        }
        guard let from = starts.min() else { return EventPage(events: [], more: false) }
        var events: [[UInt8]] = []
        var size = 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.key, e.seq, e.bytes FROM events e JOIN authors a ON a.idx = e.author
            WHERE e.time >= ? ORDER BY e.time, e.author, e.seq
            """, arguments: [from])
        while let row = try rows.next() {
            let key: String = row[0], seq: Int64 = row[1]
            guard seq > have[key, default: 0] else { continue }
            let bytes = (row[2] as Blob).bytes
            if !events.isEmpty, size + bytes.count > maxBytes { return EventPage(events: events, more: true) }
            events.append(bytes)
            size += bytes.count + 1
        }
        return EventPage(events: events, more: false)
    }

    /// The digest of `headsDigest()` on an open read transaction (its one copy).
    static func headsDigest(_ db: Database) throws -> String {
        var hasher = SHA256()
        for row in try Row.fetchAll(db, sql: """
            SELECT a.key, c.head_seq, c.head_id FROM chains c JOIN authors a ON a.idx = c.author
            ORDER BY a.key, c.head_seq, c.head_id
            """) {
            hasher.update(data: Array("\(row[0] as String):\(row[1] as Int64):\(row[2] as String)\n".utf8))
        }
        return Hex.encode(hasher.finalize().prefix(16))
    }
}
