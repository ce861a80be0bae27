import GRDB

/// The store's tables. The log (`events`, `authors`, `heads`, `meta`,
/// `equivocations`) is the truth; everything else is a projection that
/// `rebuild` can drop and refold.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-log") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE authors (
                    idx INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    head_seq INTEGER NOT NULL DEFAULT 0,
                    head_id TEXT,
                    quarantined INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE events (
                    rowid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    author INTEGER NOT NULL REFERENCES authors(idx),
                    seq INTEGER NOT NULL,
                    time INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    clock BLOB NOT NULL,
                    bytes BLOB NOT NULL
                );
                CREATE UNIQUE INDEX events_author_seq ON events(author, seq);
                CREATE INDEX events_order ON events(time, author, seq);
                CREATE TABLE heads (id TEXT PRIMARY KEY) WITHOUT ROWID;
                CREATE TABLE equivocations (
                    id TEXT PRIMARY KEY,
                    author TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    conflicts_with TEXT NOT NULL,
                    bytes BLOB NOT NULL
                );
                """)
        }
        migrator.registerMigration("v1-projections") { db in
            try createProjectionTables(db)
            try createProjectionIndexes(db)
        }
        migrator.registerMigration("v1-type-index") { db in
            // Validation reads the few member events on every append; without
            // this index that read would grow with the log (v9 keeps only
            // the member events' entries).
            try db.execute(sql: "CREATE INDEX events_type ON events(type)")
        }
        migrator.registerMigration("v2-chains-and-effects") { db in
            // An author's events form chains (one, unless they forked):
            // causal clocks count per chain, and a second event at an
            // (author, seq) is admitted as a fork instead of refused. Each
            // author's one chain so far keeps the author's index, so every
            // clock already stored stays valid.
            try db.execute(sql: """
                CREATE TABLE chains (
                    idx INTEGER PRIMARY KEY,
                    author INTEGER NOT NULL REFERENCES authors(idx),
                    head_seq INTEGER NOT NULL,
                    head_id TEXT NOT NULL
                );
                CREATE INDEX chains_author ON chains(author);
                INSERT INTO chains (idx, author, head_seq, head_id)
                    SELECT idx, idx, head_seq, head_id FROM authors WHERE head_seq > 0;
                ALTER TABLE events ADD COLUMN chain INTEGER NOT NULL DEFAULT 0;
                UPDATE events SET chain = author;
                DROP INDEX events_author_seq;
                CREATE UNIQUE INDEX events_chain_seq ON events(chain, seq);
                CREATE INDEX events_author_seq ON events(author, seq);
                CREATE TABLE IF NOT EXISTS voided (id TEXT PRIMARY KEY, reason TEXT NOT NULL, cause TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS forks (id TEXT PRIMARY KEY, author TEXT NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS withdrawals (id TEXT PRIMARY KEY, coding TEXT NOT NULL) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS withdrawals_coding ON withdrawals(coding);
                INSERT OR REPLACE INTO meta (key, value) VALUES ('refold', 'v2');
                CREATE TABLE remote_heads (remote TEXT NOT NULL, author TEXT NOT NULL, seq INTEGER NOT NULL,
                    PRIMARY KEY (remote, author)) WITHOUT ROWID;
                """)
            // The projections are refolded on open (`Store.finishMigration`),
            // and evidence of equivocations that earlier versions kept aside
            // is received again: forks are admitted now.
        }
        migrator.registerMigration("v3-code-guid") { db in
            // `code.defined` may carry the REFI-QDA GUID a code came in with.
            // No stored event has one yet (earlier versions refused the
            // field), so the column starts empty and nothing is refolded; a
            // store created now already has it from `createProjectionTables`.
            if try !db.columns(in: "codes").contains(where: { $0.name == "guid" }) {
                try db.execute(sql: "ALTER TABLE codes ADD COLUMN guid TEXT")
            }
        }
        migrator.registerMigration("v4-code-codable") { db in
            // `code.defined` and `code.changed` may say a code only groups
            // others (`codable: false`). No stored event says so yet (earlier
            // versions refused the field), so every code starts codable and
            // nothing is refolded; a store created now already has the column.
            if try !db.columns(in: "codes").contains(where: { $0.name == "codable" }) {
                try db.execute(sql: "ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1")
            }
        }
        migrator.registerMigration("v5-status-cache") { db in
            // `status` reports `state_digest`, a hash over every projection
            // row, and counts of events and codings: kept here for the log
            // head they were computed at (`StatusCache`), so a read does not
            // pass over whole tables of an unchanged store.
            try db.execute(sql: """
                CREATE TABLE status_cache (
                    head INTEGER NOT NULL, refolds TEXT NOT NULL, digest TEXT NOT NULL,
                    events INTEGER NOT NULL, codings INTEGER NOT NULL,
                    PRIMARY KEY (head, refolds)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v6-documents-catalog-index") { db in
            // The catalog reads every document's id, title, digest, length,
            // meta and time; `meta` and `time` sit after the text in each
            // row, so without this covering index every read of the catalog
            // (every command, every step of a trend) walked all the texts.
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS documents_catalog ON documents(time, id, title, sha256, length, meta)")
        }
        migrator.registerMigration("v7-codings-indexes") { db in
            // Only a coding's document is ever looked up (`codings --doc`,
            // `resolve --accept`); no query reads codings by code. The
            // (document, code) index and the code index cost two 64-hex
            // keys per coding on disk (48 MB of a 300k-event store) and on
            // every insert; one index on the document serves every query.
            // A store created since v8 has no codings table to index.
            guard try isTable(db, "codings") else { return }
            try db.execute(sql: """
                DROP INDEX IF EXISTS codings_code;
                DROP INDEX IF EXISTS codings_document;
                CREATE INDEX codings_document ON codings(document);
                """)
        }
        migrator.registerMigration("v8-coding-rows") { db in
            // Codings keep log positions, not 64-hex ids (`coding_rows`),
            // and `codings` becomes a view that names them as before: the
            // same rows, so the same digest. Each coding moves to its
            // event's row; nothing is refolded.
            guard try isTable(db, "codings") else { return }
            // A store written before v2 is refolded on open anyway
            // (`Store.finishMigration`), and its codings have no member.
            let refolds = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'refold'") != nil
            try db.execute(sql: "CREATE TABLE coding_rows (\(codingRowsColumns))")
            if !refolds {
                try db.execute(sql: """
                    INSERT INTO coding_rows (event, document, code, start, "end", uncoded_by, member)
                    SELECT e.rowid, d.rowid, k.rowid, c.start, c."end", w.rowid, m.rowid
                    FROM codings c JOIN events e ON e.id = c.id JOIN events d ON d.id = c.document JOIN events k ON k.id = c.code
                    LEFT JOIN events w ON w.id = c.uncoded_by LEFT JOIN events m ON m.id = c.member
                    """)
            }
            try db.execute(sql: """
                DROP TABLE codings;
                \(codingsView());
                CREATE INDEX coding_rows_document ON coding_rows(document);
                """)
        }
        migrator.registerMigration("v9-member-events-index") { db in
            // Only the member events are ever looked up by type (the
            // authority reads them on every write). An index of every
            // event's type cost 7.5 MB of a 300k-event store and an entry
            // per insert; `log --type` scans the log it orders anyway
            // (0.09 s on 300k events, against 0.02 s with the full index).
            try db.execute(sql: """
                DROP INDEX IF EXISTS events_type;
                CREATE INDEX events_member ON events(type) WHERE type IN \(memberTypes);
                """)
        }
        migrator.registerMigration("v10-document-units") { db in
            // What the agreement layer derives from a document's text (its
            // unit boundaries under a scheme), kept so that agreement does
            // not read and split every text on every call. A document's id
            // names its text, so an entry never goes stale; it is not a
            // projection (no part of `state_digest`, kept by `rebuild`).
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS document_units (
                    document TEXT NOT NULL, scheme TEXT NOT NULL, units BLOB NOT NULL,
                    PRIMARY KEY (document, scheme)
                ) WITHOUT ROWID
                """)
        }
        return migrator
    }

    /// The member events' types, as SQL. The partial index `events_member`
    /// and the query that reads member events (`Authority`) name them in
    /// these very words: SQLite uses a partial index only for a query whose
    /// WHERE clause repeats its condition.
    static let memberTypes = "('project.created', 'member.added', 'member.changed', 'member.removed')"

    static let projectionTables = [
        "members", "member_keys", "documents", "codes", "edits", "edit_bases", "coding_rows",
        "done", "memos", "merges", "adjudications", "retirements", "voided", "forks", "withdrawals",
    ]

    static func createProjectionTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE members (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
                removed_by TEXT, time INTEGER NOT NULL
            );
            CREATE TABLE member_keys (key TEXT NOT NULL, member TEXT NOT NULL, added_by TEXT NOT NULL,
                PRIMARY KEY (key, member));
            CREATE TABLE documents (
                id TEXT PRIMARY KEY, title TEXT NOT NULL, sha256 TEXT NOT NULL, length INTEGER NOT NULL,
                text TEXT NOT NULL, meta TEXT NOT NULL, author TEXT NOT NULL, time INTEGER NOT NULL
            );
            CREATE TABLE codes (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, parent TEXT, description TEXT NOT NULL,
                color TEXT, exclusive INTEGER NOT NULL, time INTEGER NOT NULL, guid TEXT,
                codable INTEGER NOT NULL DEFAULT 1
            );
            CREATE TABLE edits (
                edit_id TEXT NOT NULL, thing TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
                time INTEGER NOT NULL, author TEXT NOT NULL, PRIMARY KEY (thing, field, edit_id)
            ) WITHOUT ROWID;
            CREATE TABLE edit_bases (edit_id TEXT NOT NULL, base_id TEXT NOT NULL,
                PRIMARY KEY (base_id, edit_id)) WITHOUT ROWID;
            CREATE TABLE coding_rows (\(codingRowsColumns));
            \(codingsView());
            CREATE TABLE done (id TEXT PRIMARY KEY, document TEXT NOT NULL, author TEXT NOT NULL, time INTEGER NOT NULL, member TEXT);
            CREATE TABLE memos (
                id TEXT PRIMARY KEY, author TEXT NOT NULL, time INTEGER NOT NULL, text TEXT NOT NULL,
                document TEXT, code TEXT, coding TEXT
            );
            CREATE TABLE merges (id TEXT PRIMARY KEY, code TEXT NOT NULL, into_code TEXT NOT NULL,
                time INTEGER NOT NULL, author TEXT NOT NULL);
            CREATE TABLE adjudications (
                id TEXT PRIMARY KEY, document TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                codes TEXT NOT NULL, note TEXT NOT NULL, author TEXT NOT NULL, time INTEGER NOT NULL
            );
            CREATE TABLE retirements (id TEXT PRIMARY KEY, thing TEXT NOT NULL, kind TEXT NOT NULL,
                author TEXT NOT NULL, time INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS voided (id TEXT PRIMARY KEY, reason TEXT NOT NULL, cause TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS forks (id TEXT PRIMARY KEY, author TEXT NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS withdrawals (id TEXT PRIMARY KEY, coding TEXT NOT NULL) WITHOUT ROWID;
            """)
    }

    /// Secondary indexes of the projections, kept apart so that `rebuild`
    /// can fold into bare tables and index once at the end.
    static func createProjectionIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX documents_sha ON documents(sha256);
            CREATE INDEX IF NOT EXISTS documents_catalog ON documents(time, id, title, sha256, length, meta);
            CREATE INDEX IF NOT EXISTS coding_rows_document ON coding_rows(document);
            CREATE INDEX done_document ON done(document, author);
            CREATE INDEX merges_code ON merges(code);
            CREATE INDEX retirements_thing ON retirements(thing);
            CREATE INDEX IF NOT EXISTS withdrawals_coding ON withdrawals(coding);
            """)
    }

    static func dropProjectionTables(_ db: Database) throws {
        try db.execute(sql: "DROP VIEW IF EXISTS codings")
        for table in projectionTables { try db.execute(sql: "DROP TABLE IF EXISTS \(table)") }
    }

    /// A coding by the log positions (`events.rowid`) of its own event, its
    /// document's and code's defining events, its withdrawal and its member's
    /// defining event: a row of a few integers instead of five 64-hex ids,
    /// each of which the log already holds once. Author and time are the
    /// event's own.
    static let codingRowsColumns = """
        event INTEGER PRIMARY KEY, document INTEGER NOT NULL, code INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, uncoded_by INTEGER, member INTEGER
        """

    /// The codings by their ids, as `state_digest` and the reads of one
    /// coding see them, over the `coding_rows` of `schema`: `main`, or the
    /// `temp` rows of a past state (`PastState`), whose withdrawals are as
    /// they stood. Ids are named through `main.` tables, so the temporary
    /// views of a past state, which shadow `events` and `authors` with a
    /// cut, do not change how a position is named.
    static func codingsView(over schema: String = "main") -> String {
        """
        CREATE \(schema == "temp" ? "TEMP " : "")VIEW codings AS
        SELECT e.id AS id, d.id AS document, k.id AS code, a.key AS author, c.start AS start, c."end" AS "end",
            e.time AS time, w.id AS uncoded_by, m.id AS member
        FROM \(schema).coding_rows c
        JOIN main.events e ON e.rowid = c.event
        JOIN main.authors a ON a.idx = e.author
        JOIN main.events d ON d.rowid = c.document
        JOIN main.events k ON k.rowid = c.code
        LEFT JOIN main.events w ON w.rowid = c.uncoded_by
        LEFT JOIN main.events m ON m.rowid = c.member
        """
    }

    static func isTable(_ db: Database, _ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)", arguments: [name])!
    }
}
