import Crypto
import GRDB

/// A page of events another replica lacks (DESIGN §7).
public struct EventPage: Sendable {
    /// Exact stored bytes, in an order where each event follows its prev and deps.
    public var events: [[UInt8]]
    /// Whether more events remain beyond this page.
    public var more: Bool
}

extension Store {
    /// Each author's highest held seq: the version vector sync exchanges.
    public func authorHeads() throws(AccordError) -> [String: Int64] {
        try readDatabase { try EventLog.authorHeads($0) }
    }

    /// The first 16 bytes of a SHA-256 over the tips of every author's
    /// chains (key, seq and id of each event no held event names as its
    /// `prev`), sorted: equal on two replicas exactly when they hold the same
    /// chains, both sides of every fork included. A version vector cannot
    /// tell two sides of a fork at one seq apart; this can.
    public func headsDigest() throws(AccordError) -> String {
        try readDatabase { try Store.headsDigest($0) }
    }

    /// The events missing from a replica that holds, for each author, seqs
    /// 1…`have[author]`, at most about `maxBytes` of them (always at least one).
    ///
    /// Every replica holds a gapless prefix of each of an author's chains, so
    /// the version vector names what it has, except the other side of a fork
    /// at or below its head, which a client asks for by lowering `have`
    /// (`Replicator` does when the heads digests differ). An up-to-date peer
    /// costs one lookup per author, and the scan starts at the earliest
    /// missing event's time, so the cost grows with what is missing, not with
    /// the history. The (time, author, seq) order respects causality.
    public func missing(have: [String: Int64], maxBytes: Int) throws(AccordError) -> EventPage {
        try readDatabase { try Store.missing($0, have: have, maxBytes: maxBytes) }
    }

    /// Whether `key` is a current member, and in which role: who may read
    /// and push over sync.
    public func membership(ofKey key: String) throws(AccordError) -> (known: Bool, member: Catalog.Member?) {
        let catalog = try catalog()
        let member = catalog.members.first { $0.keys.contains(key) && !$0.removed }
        // Known: the key belongs, or once belonged, to a member.
        let once: Bool = try readDatabase { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM edits WHERE field = 'keys' AND instr(value, ?) > 0 LIMIT 1", arguments: [key]) == true
        }
        let known = member != nil || once
        return (known, member)
    }
}

extension Store {
    /// Which of `ids` the log holds.
    public func holding(_ ids: Set<String>) throws(AccordError) -> Set<String> {
        try readDatabase { db in
            var held = Set<String>()
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM events WHERE id = ?")
            for id in ids where try Bool.fetchOne(statement, arguments: [id]) == true { held.insert(id) }
            return held
        }
    }
}

extension Store {
    /// Every held event's exact bytes, in the order they were stored (each
    /// after its `prev` and `deps`), streamed: for exports of the whole log.
    public func forEachEvent(_ body: ([UInt8]) throws -> Void) throws(AccordError) {
        try readDatabase { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT bytes FROM events ORDER BY rowid")
            while let row = try rows.next() { try body((row[0] as Blob).bytes) }
        }
    }

    /// The tips of every author's chains (events no held event of the same
    /// author names as `prev`), sorted: what `headsDigest` covers.
    public func chainTips() throws(AccordError) -> [String] {
        try readDatabase { db in try String.fetchAll(db, sql: "SELECT head_id FROM chains ORDER BY head_id") }
    }
}
