import GRDB

/// Folds the projections from the log: `rebuild`, the first open after a
/// layout change, and the replicas of the past that `--at` reads.
enum Refold {
    /// Drops the projections and folds every event of the `events` table
    /// again, in log order (a causal order), with each event's effect
    /// settled under the resolution of all the member events there.
    /// Returns the number of events folded.
    @discardableResult
    static func run(_ db: Database, progress: ((Int, Int) -> Void)? = nil) throws -> Int {
        try Schema.dropProjectionTables(db)
        try StatusCache.forget(db)
        try Schema.createProjectionTables(db)
        let authority = try Authority(db: db)
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
        var done = 0
        var voided: Set<EventID> = []
        let names = EventRows()
        let rows = try Row.fetchCursor(db, sql: "SELECT chain, clock, bytes, rowid FROM events ORDER BY rowid")
        while let row = try rows.next() {
            let event = try Event(stored: (row[2] as Blob).bytes).unsigned
            let clock = CausalClock(blob: (row[1] as Blob).bytes)
            try Projector.apply(event, row: row[3], member: authority.member(of: event, within: clock), rows: names, db)
            if let voiding = try authority.voiding(of: event, chain: row[0], clock: clock, isVoided: { voided.contains($0) }) {
                voided.insert(event.id)
                try Effects.record(event.id, voiding, db)
                try Projector.refresh(after: event, db)
            }
            done += 1
            if done % 10_000 == 0 { progress?(done, total) }
        }
        try db.execute(sql: """
            INSERT INTO forks (id, author, seq)
            SELECT e.id, a.key, e.seq FROM events e JOIN authors a ON a.idx = e.author
            WHERE (e.author, e.seq) IN (SELECT author, seq FROM events GROUP BY author, seq HAVING count(*) > 1)
            """)
        progress?(done, total)
        try Schema.createProjectionIndexes(db)
        return done
    }
}
