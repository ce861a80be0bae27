import Foundation
import GRDB

/// The state at a past moment as a query over the live tables, without
/// replaying the log (`--at`, `agreement --trend`).
///
/// Every admitted event keeps its facts in the projections, voided or not,
/// each row named by its event and carrying its time (`Projector`), and a
/// cut is causally closed (an event's time exceeds its prev's and deps').
/// So the rows of the events in a cut are exactly the rows a replay of the
/// cut would insert, and a connection whose temporary views shadow each
/// table with its rows in the cut reads the past with the same code that
/// reads the present. Only the values several events settle together are
/// computed again for the cut: registers (a code's name, a member's role and
/// keys), a coding's withdrawal, a member's removal, forks.
///
/// Which events are voided is the one thing that may not restrict: a cut
/// outside the moment can void an event inside it, and a member event
/// outside it can change the resolution. Reading the voided rows from the
/// live table is exact when the member events in the cut resolve to the
/// live resolution restricted to the cut (the same effective events and
/// cuts) and every voided event in the cut has its cause in the cut: then
/// each event is judged on the same resolution of its own causal past, in
/// both. Otherwise `read` answers nil and the caller replays.
struct PastState {
    /// A read-only connection of its own: temporary views are per
    /// connection, and a series reads every cut through one, so its page
    /// cache carries over from one cut to the next.
    let connection: DatabaseQueue

    init(file: URL) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(Store.busyTimeout)
        // The temporary tables of a cut are small (members, codes, voided
        // events, forks): kept in memory, not in files under the temp folder.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY") }
        connection = try DatabaseQueue(path: file.path, configuration: config)
    }

    /// Runs `body` on the state at `moment` (not `.now`), read in one
    /// snapshot of the store file; nil when that state needs a replay.
    static func read<T>(file: URL, moment: Moment, _ body: (Database) throws -> T) throws -> T? {
        try PastState(file: file).read(at: moment, body)
    }

    func read<T>(at moment: Moment, _ body: (Database) throws -> T) throws -> T? {
        try connection.inDatabase { db in
            // One read transaction: temporary objects live in the connection's
            // own temp database and go with the rollback, and everything below
            // sees one state of the file.
            try db.execute(sql: "BEGIN DEFERRED")
            defer { try? db.execute(sql: "ROLLBACK") }
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM main.meta")
            guard let cut = try Cut(moment, db) else { return nil }
            let live = try Authority(db: db).globalResolution
            try Self.createViews(cut, db)
            guard try Self.sameEffects(live: live, db) else { return nil }
            try Self.settle(db)
            return try body(db)
        }
    }

    /// Which events are in: every one with `time <= limit`, and for an
    /// event's causal past minus `temp.cut_excluded` (the events before it
    /// that it did not see).
    struct Cut {
        var limit: Int64
        var excludes: Bool

        init?(_ moment: Moment, _ db: Database) throws {
            switch moment {
            case .now: return nil
            case .time(let t):
                limit = t
                excludes = false
            case .event(let prefix):
                let id = try Store.resolveEventID(prefix, db)
                let row = try Row.fetchOne(db, sql: "SELECT time, clock FROM main.events WHERE id = ?", arguments: [id])!
                let clock = CausalClock(blob: (row[1] as Blob).bytes)
                limit = row[0]
                excludes = true
                try db.execute(sql: "CREATE TEMP TABLE cut_excluded (id TEXT PRIMARY KEY) WITHOUT ROWID")
                // Per chain, only the events past what the clock saw: an
                // index range each, not a pass over the log.
                let insert = try db.makeStatement(sql: """
                    INSERT INTO temp.cut_excluded SELECT id FROM main.events WHERE chain = ? AND seq > ? AND time <= ?
                    """)
                for chain in try Int64.fetchAll(db, sql: "SELECT idx FROM main.chains") {
                    try insert.execute(arguments: [chain, clock[chain], limit])
                }
            }
        }

        /// The SQL condition that a row of `alias` (named by its event `id`, with its `time`) is in the cut.
        func contains(_ alias: String, id: String = "id") -> String {
            let time = "\(alias).time <= \(limit)"
            return excludes ? "\(time) AND \(alias).\(id) NOT IN (SELECT id FROM temp.cut_excluded)" : time
        }
    }

    /// Shadows each log and projection table with its rows in the cut. Rows
    /// whose table has no time are kept when their event is in the cut.
    ///
    /// Each coding's withdrawal as it stood is found once per cut, from the
    /// withdrawals (few), into `past_withdrawals`: a coding is then in the
    /// cut by its event's time alone, which the log's time index holds, so
    /// reading the codings of a cut reads no event row (the first step of a
    /// trend on 292k codings read every event's row to name it for its
    /// withdrawal).
    static func createViews(_ cut: Cut, _ db: Database) throws {
        var sql = "CREATE TEMP VIEW events AS SELECT * FROM main.events e WHERE \(cut.contains("e"));\n"
        for table in ["documents", "done", "memos", "merges", "adjudications", "retirements"] {
            sql += "CREATE TEMP VIEW \(table) AS SELECT * FROM main.\(table) x WHERE \(cut.contains("x"));\n"
        }
        sql += """
            CREATE TEMP VIEW edits AS SELECT * FROM main.edits x WHERE \(cut.contains("x", id: "edit_id"));
            CREATE TEMP VIEW edit_bases AS SELECT b.* FROM main.edit_bases b
                WHERE EXISTS (SELECT 1 FROM temp.events e WHERE e.id = b.edit_id);
            CREATE TEMP VIEW withdrawals AS SELECT w.* FROM main.withdrawals w
                WHERE EXISTS (SELECT 1 FROM temp.events e WHERE e.id = w.id);
            CREATE TEMP TABLE voided (id TEXT PRIMARY KEY, reason TEXT NOT NULL, cause TEXT NOT NULL) WITHOUT ROWID;
            INSERT INTO temp.voided SELECT v.* FROM main.voided v WHERE EXISTS (SELECT 1 FROM temp.events e WHERE e.id = v.id);
            CREATE TEMP TABLE past_withdrawals (coding INTEGER PRIMARY KEY, uncoded_by INTEGER NOT NULL);
            INSERT INTO temp.past_withdrawals SELECT c.rowid, u.rowid
                FROM (SELECT w.coding AS coding, min(w.id) AS first FROM temp.withdrawals w
                      WHERE w.id NOT IN (SELECT id FROM temp.voided) GROUP BY w.coding) x
                JOIN main.events c ON c.id = x.coding JOIN main.events u ON u.id = x.first;
            CREATE TEMP VIEW coding_rows AS SELECT c.event, c.document, c.code, c.start, c."end", p.uncoded_by, c.member
                FROM main.coding_rows c JOIN temp.events e ON e.rowid = c.event
                LEFT JOIN temp.past_withdrawals p ON p.coding = c.event;
            \(Schema.codingsView(over: "temp"));
            CREATE TEMP VIEW chains AS SELECT c.idx, c.author, h.seq AS head_seq, h.id AS head_id FROM main.chains c
                JOIN (SELECT chain, max(seq) AS seq, id FROM temp.events GROUP BY chain) h ON h.chain = c.idx;
            CREATE TEMP VIEW authors AS SELECT a.idx, a.key,
                coalesce((SELECT max(seq) FROM temp.events e WHERE e.author = a.idx), 0) AS head_seq,
                (SELECT id FROM temp.events e WHERE e.author = a.idx ORDER BY seq DESC, id LIMIT 1) AS head_id,
                a.quarantined FROM main.authors a;
            CREATE TEMP TABLE forks (id TEXT PRIMARY KEY, author TEXT NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO temp.forks SELECT f.id, f.author, f.seq FROM main.forks f
                WHERE EXISTS (SELECT 1 FROM temp.events e WHERE e.id = f.id)
                AND (SELECT count(*) FROM main.forks g WHERE g.author = f.author AND g.seq = f.seq
                     AND EXISTS (SELECT 1 FROM temp.events e WHERE e.id = g.id)) > 1;
            CREATE TEMP TABLE members (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
                removed_by TEXT, time INTEGER NOT NULL);
            INSERT INTO temp.members SELECT * FROM main.members m WHERE \(cut.contains("m"));
            CREATE TEMP TABLE member_keys (key TEXT NOT NULL, member TEXT NOT NULL, added_by TEXT NOT NULL,
                PRIMARY KEY (key, member));
            INSERT INTO temp.member_keys SELECT k.* FROM main.member_keys k WHERE k.member IN (SELECT id FROM temp.members);
            CREATE TEMP TABLE codes (id TEXT PRIMARY KEY, name TEXT NOT NULL, parent TEXT, description TEXT NOT NULL,
                color TEXT, exclusive INTEGER NOT NULL, time INTEGER NOT NULL, guid TEXT, codable INTEGER NOT NULL DEFAULT 1);
            INSERT INTO temp.codes SELECT id, name, parent, description, color, exclusive, time, guid, codable
                FROM main.codes c WHERE \(cut.contains("c"));
            """
        try db.execute(sql: sql)
    }

    /// Whether the live `voided` rows restricted to the cut are the cut's
    /// own (see the type's comment).
    static func sameEffects(live: Resolution, _ db: Database) throws -> Bool {
        let authority = try Authority(db: db)
        let held = Set(authority.events.map(\.id))
        let past = authority.globalResolution
        guard past.effectiveIDs == live.effectiveIDs.intersection(held),
              past.cuts.map(\.event.id) == live.cuts.map(\.event.id).filter(held.contains)
        else { return false }
        let causeOutside = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM temp.voided v WHERE NOT EXISTS (SELECT 1 FROM temp.events e WHERE e.id = v.cause))
            """)!
        return !causeOutside
    }

    /// Settles the values several events decide together, as they stood:
    /// each member and code starts from its defining event, as a replay
    /// inserts it, then its registers are read over the edits in the cut.
    static func settle(_ db: Database) throws {
        for member in try String.fetchAll(db, sql: "SELECT id FROM temp.members") {
            let name = try definingValue(db, member, "name")?.stringValue
            let role = try definingValue(db, member, "role")?.stringValue
            if let name, let role {
                try db.execute(sql: "UPDATE temp.members SET name = ?, role = ? WHERE id = ?", arguments: [name, role, member])
            }
            try Projector.refreshMember(db, member)
            try Projector.refreshRemoval(db, member)
        }
        for code in try String.fetchAll(db, sql: "SELECT id FROM temp.codes") {
            var values: [String: JSONValue] = [:]
            for field in Codebook.fields { values[field] = try definingValue(db, code, field) }
            let codable = try definingValue(db, code, "codable")?.boolValue ?? true
            if let name = values["name"]?.stringValue, let description = values["description"]?.stringValue,
               let exclusive = values["exclusive"]?.boolValue {
                try db.execute(sql: """
                    UPDATE temp.codes SET name = ?, parent = ?, description = ?, color = ?, exclusive = ?, codable = ? WHERE id = ?
                    """, arguments: [name, values["parent"]?.stringValue, description, values["color"]?.stringValue,
                                     exclusive, codable, code])
            }
            try Projector.refreshCode(db, code)
        }
    }

    /// A field's value as the event that defined the thing set it.
    static func definingValue(_ db: Database, _ thing: String, _ field: String) throws -> JSONValue? {
        try String.fetchOne(db, sql: "SELECT value FROM main.edits WHERE thing = ?1 AND field = ?2 AND edit_id = ?1",
                            arguments: [thing, field]).map { try Register.parseStored($0) }
    }
}
