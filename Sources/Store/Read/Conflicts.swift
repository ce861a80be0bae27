import GRDB

/// Something two people changed without seeing each other's change: a shared
/// field with several live edits (events/README §9).
public struct Conflict: Sendable {
    public enum Kind: String, Sendable { case codebook, member, adjudication }
    public var kind: Kind
    /// The code, member or unit (`document:start:end`) concerned.
    public var thing: String
    public var field: String
    /// The competing edits, winner first: (event id, author key, value).
    public var sides: [(id: String, author: String, value: String)]
}

/// Two or more events one author signed at one seq (events/README §11.3).
public struct Fork: Sendable, Equatable {
    public var author: String
    public var seq: Int64
    public var ids: [String]
    /// Until an event of the same author has every side in its causal past.
    public var open: Bool
}

/// An admitted event that has no effect, and why (events/README §12.3).
public struct VoidedEvent: Sendable, Equatable {
    public var id: String
    public var reason: String
    /// The cut, voided member event or voided reference that caused it.
    public var cause: String
}

extension Store {
    /// Open conflicts: fields with more than one live edit (DESIGN §3 — the
    /// projection shows the greatest (time, author, id) until a lead's edit
    /// names every side in `base`).
    public func conflicts(at moment: Moment = .now) throws(AccordError) -> [Conflict] {
        try readProjection(at: moment) { db in
            var out: [Conflict] = []
            let members = Set(try String.fetchAll(db, sql: "SELECT id FROM members"))
            let codes = Set(try String.fetchAll(db, sql: "SELECT id FROM codes"))
            let candidates = try Row.fetchAll(db, sql: """
                SELECT thing, field FROM edits WHERE edit_id NOT IN (SELECT id FROM voided) GROUP BY thing, field HAVING count(*) > 1
                """)
            for row in candidates {
                let thing: String = row[0], field: String = row[1]
                let live = try Register.live(db, thing: thing, field: field)
                guard live.count > 1 else { continue }
                let kind: Conflict.Kind = codes.contains(thing) ? .codebook : members.contains(thing) ? .member : .adjudication
                out.append(Conflict(kind: kind, thing: thing, field: field,
                                    sides: live.map { ($0.id, $0.author, CanonicalJSON.string($0.value)) }))
            }
            return out
        }
    }

    /// Every fork held, open or healed, by author then seq.
    public func forks(at moment: Moment = .now) throws(AccordError) -> [Fork] {
        try readProjection(at: moment) { db in
            var groups: [String: [(id: String, seq: Int64)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT author, seq, id FROM forks ORDER BY author, seq, id") {
                groups["\(row[0] as String)\u{0}\(row[1] as Int64)", default: []].append((row[2], row[1]))
            }
            var out: [Fork] = []
            for (key, sides) in groups {
                let author = String(key.split(separator: "\u{0}")[0])
                // Clocks only grow along a chain, so an event holding every
                // side exists exactly when some chain head of the author does.
                let positions = try sides.map { side in
                    try Row.fetchOne(db, sql: "SELECT chain, seq FROM events WHERE id = ?", arguments: [side.id])
                }.compactMap { $0 }
                let heads = try Blob.fetchAll(db, sql: """
                    SELECT e.clock FROM chains c JOIN authors a ON a.idx = c.author JOIN events e ON e.id = c.head_id WHERE a.key = ?
                    """, arguments: [author]).map { CausalClock(blob: $0.bytes) }
                let healed = heads.contains { clock in positions.allSatisfy { clock.includes(chain: $0[0], seq: $0[1]) } }
                out.append(Fork(author: author, seq: sides[0].seq, ids: sides.map(\.id).sorted(), open: !healed))
            }
            return out.sorted { ($0.author, $0.seq) < ($1.author, $1.seq) }
        }
    }

    /// The events held that have no effect, by id.
    public func voided(at moment: Moment = .now) throws(AccordError) -> [VoidedEvent] {
        try readProjection(at: moment) { db in
            try Row.fetchAll(db, sql: "SELECT id, reason, cause FROM voided ORDER BY id").map {
                VoidedEvent(id: $0[0], reason: $0[1], cause: $0[2])
            }
        }
    }

    func readProjection<T>(at moment: Moment, _ body: (Database) throws -> T) throws(AccordError) -> T {
        try readState(at: moment, body)
    }
}
