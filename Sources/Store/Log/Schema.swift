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
            // this index that read would grow with the log.
            try db.execute(sql: "CREATE INDEX events_type ON events(type)")
        }
        return migrator
    }

    static let projectionTables = [
        "members", "member_keys", "documents", "codes", "edits", "edit_bases", "codings",
        "done", "memos", "merges", "adjudications", "retirements",
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
                color TEXT, exclusive INTEGER NOT NULL, time INTEGER NOT NULL
            );
            CREATE TABLE edits (
                edit_id TEXT NOT NULL, thing TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
                time INTEGER NOT NULL, author TEXT NOT NULL, PRIMARY KEY (thing, field, edit_id)
            ) WITHOUT ROWID;
            CREATE TABLE edit_bases (edit_id TEXT NOT NULL, base_id TEXT NOT NULL,
                PRIMARY KEY (base_id, edit_id)) WITHOUT ROWID;
            CREATE TABLE codings (
                id TEXT PRIMARY KEY, document TEXT NOT NULL, code TEXT NOT NULL, author TEXT NOT NULL,
                start INTEGER NOT NULL, "end" INTEGER NOT NULL, time INTEGER NOT NULL, uncoded_by TEXT
            );
            CREATE TABLE done (id TEXT PRIMARY KEY, document TEXT NOT NULL, author TEXT NOT NULL, time INTEGER NOT NULL);
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
            """)
    }

    /// Secondary indexes of the projections, kept apart so that `rebuild`
    /// can fold into bare tables and index once at the end.
    static func createProjectionIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX documents_sha ON documents(sha256);
            CREATE INDEX codings_document ON codings(document, code);
            CREATE INDEX codings_code ON codings(code);
            CREATE INDEX done_document ON done(document, author);
            CREATE INDEX merges_code ON merges(code);
            CREATE INDEX retirements_thing ON retirements(thing);
            """)
    }

    static func dropProjectionTables(_ db: Database) throws {
        for table in projectionTables { try db.execute(sql: "DROP TABLE IF EXISTS \(table)") }
    }
}
