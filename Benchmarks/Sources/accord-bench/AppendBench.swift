import Crypto
import Dispatch
import Foundation
import GRDB
import Project
import Store

/// Benchmark 1 (issue 2): the batched append path `import codings` — CSV
/// parse, validate, hash, sign, project, one transaction — against the two
/// costs it cannot beat, measured in the same run: Ed25519 signing of the
/// same number of 32-byte ids on one core, and a raw GRDB insert of the same
/// event rows in one transaction with a cached statement.
enum AppendBench {
    static func run(_ options: Options) throws {
        let n = options.int("codings", full: 200_000, quick: 20_000)
        let documentCount = options.int("documents", full: 100, quick: 100)
        let report = Report("append: import \(Format.int(n)) codings (Replica.importCodings, one transaction)")
        report.parameter("codings", Format.int(n))
        report.parameter("documents", documentCount)
        report.parameter("codes", 20)
        report.parameter("cores", ProcessInfo.processInfo.activeProcessorCount)

        let root = Paths.temporary("append")
        defer { try? FileManager.default.removeItem(at: root) }
        var rng = SeededRandom(seed: options.seed)
        let texts = (0..<documentCount).map { _ in TextMaker.document(&rng, paragraphs: 40, characters: 120) }
        let project = try BenchProject.create(at: root, coders: ["alice"], documents: texts, codes: 20)
        let alice = project.coders[0].key

        // The CSV, as `accord import codings FILE` reads it.
        var csv = "document,start,end,code\n"
        csv.reserveCapacity(n * 24)
        let lengths = project.documents.map { $0.text.unicodeScalars.count }
        var actions: [Action] = []  // the same codings, resolved, for --phases
        for _ in 0..<n {
            let di = Int(rng.next() % UInt64(project.documents.count))
            let d = project.documents[di]
            let s = Int(rng.next() % UInt64(lengths[di] - 200))
            let e = s + 1 + Int(rng.next() % 199)
            let c = project.codes[Int(rng.next() % UInt64(project.codes.count))]
            csv += "\(d.title),\(s),\(e),\(c.path)\n"
            if options.flags.contains("phases") { actions.append(BenchProject.coding(document: d.id, code: c.id, start: s, end: e)) }
        }

        // Reference 1: Ed25519 signing alone, one core.
        let messages = (0..<n).map { i in Array(SHA256.hash(data: withUnsafeBytes(of: i) { Array($0) })) }
        let raw = try Curve25519.Signing.PrivateKey(rawRepresentation: Array(SHA256.hash(data: Array("accord-bench/alice".utf8))))
        note("signing \(Format.int(n)) messages on one core")
        let skip = options.flags.contains("append-only")  // for profiling the append alone
        let (_, signSeconds) = try timed {
            if skip { return 0 }
            var sink = 0
            for m in messages { sink &+= Int(try raw.signature(for: m).first!) }
            return sink
        }

        // The append itself.
        let before = try project.eventCount()
        note("importing \(Format.int(n)) codings")
        let (count, appendSeconds) = try timed { try Replica(store: project.store).importCodings(csv: csv, by: alice) }
        precondition(count == n, "imported \(count), expected \(n)")

        // Reference 2: the same event rows inserted raw into the same table shape.
        let rows = try StoreFile.read(project.store) { db in
            try Row.fetchAll(db, sql: "SELECT id, author, chain, seq, time, type, clock, bytes FROM events WHERE rowid > ? ORDER BY rowid", arguments: [before])
        }
        let codingRows = try StoreFile.read(project.store) { db in
            try Row.fetchAll(db, sql: "SELECT event, document, code, start, \"end\", member FROM coding_rows WHERE event > ?", arguments: [before])
        }
        let eventBytes = rows.reduce(0) { $0 + (($1["bytes"] as Data?)?.count ?? 0) }
        let (rawSeconds, rawWithProjection) = skip ? (.nan, .nan) : try rawInsert(rows: rows, codings: codingRows)

        let appendRate = Double(n) / appendSeconds
        let signRate = Double(n) / signSeconds
        let rawRate = Double(n) / rawSeconds
        report.parameter("mean event size", "\(eventBytes / max(1, rows.count)) B")
        report.row("append (import codings)", Format.rate(appendRate), Format.seconds(appendSeconds))
        report.row("Ed25519 sign, 1 core", Format.rate(signRate), Format.seconds(signSeconds))
        report.row("raw GRDB insert, events rows", Format.rate(rawRate), Format.seconds(rawSeconds))
        report.row("raw GRDB insert, events + codings rows", Format.rate(Double(n) / rawWithProjection), Format.seconds(rawWithProjection))
        if options.flags.contains("phases") {
            // Diagnostics: where the time goes. CSV parse + row resolution alone
            // (an import whose extra last row names no document fails after
            // resolving every row, and writes nothing); the append of the same
            // codings already resolved (Store.append, no CSV); signing on all cores.
            note("phases: parse + resolve, append without CSV, signing on all cores")
            let (_, parseSeconds) = timed { _ = try? Replica(store: project.store).importCodings(csv: csv + "no-such-document,0,1,c01\n", by: alice) }
            let (_, bareSeconds) = try timed { try project.store.append(actions, by: alice) }
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let (_, signAll) = timed {
                DispatchQueue.concurrentPerform(iterations: cores) { w in
                    var i = w
                    while i < n { _ = try! raw.signature(for: messages[i]); i += cores }
                }
            }
            report.row("  phase: CSV parse + resolve rows (no write)", Format.rate(Double(n) / parseSeconds), Format.seconds(parseSeconds))
            report.row("  phase: Store.append of resolved actions", Format.rate(Double(n) / bareSeconds), Format.seconds(bareSeconds))
            report.row("  Ed25519 sign, \(cores) cores", Format.rate(Double(n) / signAll), Format.seconds(signAll))
        }
        report.row("append / sign-1-core", Format.ratio(appendRate / signRate))
        report.row("append / raw insert (events rows)", Format.ratio(appendRate / rawRate))
        report.goal("append ≥ single-core signing (ratio \(Format.ratio(appendRate / signRate)))", met: appendRate >= signRate)
        report.print()
        Results.record("append", [
            "codings": Double(n), "append_per_s": appendRate, "sign_1core_per_s": signRate, "raw_insert_per_s": rawRate,
            "append_over_sign": appendRate / signRate, "append_over_raw": appendRate / rawRate,
        ])
    }

    /// Inserts `rows` into a fresh WAL database with the log's own `events`
    /// table and indexes (and its 16 KiB pages), in one transaction with one
    /// cached statement; then again with the `coding_rows` projection rows
    /// as well.
    static func rawInsert(rows: [Row], codings: [Row]) throws -> (Double, Double) {
        func fresh() throws -> (URL, DatabasePool) {
            let dir = Paths.temporary("raw")
            var configuration = Configuration()
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 16384") }
            let pool = try DatabasePool(path: dir.appendingPathComponent("raw.sqlite").path, configuration: configuration)
            try pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE events (
                        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, author INTEGER NOT NULL, chain INTEGER NOT NULL,
                        seq INTEGER NOT NULL, time INTEGER NOT NULL, type TEXT NOT NULL, clock BLOB NOT NULL, bytes BLOB NOT NULL);
                    CREATE UNIQUE INDEX events_chain_seq ON events(chain, seq);
                    CREATE INDEX events_author_seq ON events(author, seq);
                    CREATE INDEX events_order ON events(time, author, seq);
                    CREATE INDEX events_member ON events(type) WHERE type IN ('project.created', 'member.added', 'member.changed', 'member.removed');
                    CREATE TABLE coding_rows (
                        event INTEGER PRIMARY KEY, document INTEGER NOT NULL, code INTEGER NOT NULL,
                        start INTEGER NOT NULL, "end" INTEGER NOT NULL, uncoded_by INTEGER, member INTEGER);
                    CREATE INDEX coding_rows_document ON coding_rows(document);
                    """)
            }
            return (dir, pool)
        }
        let values = rows.map { r -> [DatabaseValue] in (0..<8).map { r[$0] as DatabaseValue } }
        let codingValues = codings.map { r -> [DatabaseValue] in (0..<6).map { r[$0] as DatabaseValue } }
        note("raw GRDB insert of \(Format.int(rows.count)) rows")
        var (dir, pool) = try fresh()
        let (_, eventsOnly) = try timed {
            try pool.write { db in
                let s = try db.cachedStatement(sql: "INSERT INTO events (id, author, chain, seq, time, type, clock, bytes) VALUES (?,?,?,?,?,?,?,?)")
                for v in values { try s.execute(arguments: StatementArguments(v)) }
            }
        }
        try? FileManager.default.removeItem(at: dir)
        (dir, pool) = try fresh()
        let (_, both) = try timed {
            try pool.write { db in
                let s = try db.cachedStatement(sql: "INSERT INTO events (id, author, chain, seq, time, type, clock, bytes) VALUES (?,?,?,?,?,?,?,?)")
                for v in values { try s.execute(arguments: StatementArguments(v)) }
                let c = try db.cachedStatement(sql: "INSERT INTO coding_rows (event, document, code, start, \"end\", member) VALUES (?,?,?,?,?,?)")
                for v in codingValues { try c.execute(arguments: StatementArguments(v)) }
            }
        }
        try? FileManager.default.removeItem(at: dir)
        return (eventsOnly, both)
    }
}
