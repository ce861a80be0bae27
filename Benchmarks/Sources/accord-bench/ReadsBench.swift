import Foundation
import GRDB
import Store

/// The read commands a lead or an auditor runs on a large store (issue 11),
/// each as a cold release `accord` process, median of R interleaved runs:
///
/// - `status --json` beside `code list --json` (a read that touches only the
///   catalog: the floor for a command that opens the store);
/// - `codings --json` of one coder's codings, as rows per second of the whole
///   command;
/// - `codings --json --at MIDDLE` beside the same command without `--at`;
/// - `log --json`, every event's stored bytes, as events per second;
/// - the store's size on disk beside the canonical bytes of its log.
///
/// Runs on a copy of the cached `LargeStore`, as the commands may write
/// (`status` keeps the digest it computed).
enum ReadsBench {
    static func run(_ options: Options) throws {
        let target = options.int("events", full: 300_000, quick: 30_000)
        let runs = options.int("runs", full: 5, quick: 3)
        let accord = try Paths.accord(options)
        let large = try LargeStore.ensure(events: target, options)
        let work = Paths.temporary("reads")
        defer { try? FileManager.default.removeItem(at: work) }
        let root = work.appendingPathComponent("store")
        try FileManager.default.copyItem(at: large.root, to: root)
        let store = try Store(directory: root.appendingPathComponent(Store.directoryName))
        try StoreFile.checkpoint(store)

        let (logBytes, middle, coderRows) = try StoreFile.read(store) { db -> (Int, String, Int) in
            let bytes = try Int.fetchOne(db, sql: "SELECT sum(length(bytes)) FROM events") ?? 0
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            let id = try String.fetchOne(db, sql: "SELECT id FROM events ORDER BY rowid LIMIT 1 OFFSET ?", arguments: [count / 2]) ?? ""
            let rows = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM codings c JOIN members m ON m.id = c.member
                WHERE m.name = 'alice' AND c.uncoded_by IS NULL
                """) ?? 0
            return (bytes, id, rows)
        }
        let onDisk = FileManager.default.directorySize(root.appendingPathComponent(Store.directoryName))

        func accordRun(_ arguments: [String]) -> [String] { [accord.path, "--store", root.path, "--as", "alice"] + arguments }
        let commands: [(name: String, argv: [String])] = [
            ("code list --json", accordRun(["code", "list", "--json"])),
            ("status --json", accordRun(["status", "--json"])),
            ("codings --json --coder alice", accordRun(["codings", "--json", "--coder", "alice"])),
            ("codings --json --coder alice --at MIDDLE", accordRun(["codings", "--json", "--coder", "alice", "--at", middle])),
            ("log --json", accordRun(["log", "--json"])),
        ]
        note("one warm-up run of each command")
        var firstStatus = 0.0
        for (i, command) in commands.enumerated() {
            let wall = Subprocess.check(command.argv).wall
            if i == 1 { firstStatus = wall }
        }
        note("\(runs) interleaved runs of each")
        var times = Array(repeating: [Double](), count: commands.count)
        var rss = Array(repeating: 0, count: commands.count)
        for _ in 1...runs {
            for (i, command) in commands.enumerated() {
                let result = Subprocess.check(command.argv)
                times[i].append(result.wall)
                rss[i] = max(rss[i], result.maxRSS)
            }
        }
        let m = times.map(median)
        let (codeList, status, codings, codingsAt, log) = (m[0], m[1], m[2], m[3], m[4])

        let report = Report("reads: read commands as cold `accord` processes, median of \(runs)")
        report.parameter("store", "\(Format.int(large.events)) events (LargeStore: 3 coders), copied to \(root.path)")
        report.parameter("binary", accord.path)
        for (i, command) in commands.enumerated() {
            report.row(command.name, Format.seconds(m[i]), "p90 \(Format.seconds(percentile(times[i], 90))), peak RSS \(Format.bytes(rss[i]))")
        }
        report.row("status --json, first run after the copy", Format.seconds(firstStatus), "computes state_digest over every projection row")
        report.row("status / code list", Format.ratio(status / codeList))
        report.row("codings --json rows per second", Format.rate(Double(coderRows) / codings), "\(Format.int(coderRows)) rows")
        report.row("codings --at MIDDLE / without --at", Format.ratio(codingsAt / codings))
        report.row("log --json events per second", Format.rate(Double(large.events) / log), "every event's stored bytes, one per line")
        report.row("store on disk", Format.bytes(onDisk), "log's canonical bytes \(Format.bytes(logBytes))")
        report.row("store on disk / canonical bytes", Format.ratio(Double(onDisk) / Double(logBytes)))
        report.goal("status ≤ 2× code list (\(Format.ratio(status / codeList)))", met: status <= 2 * codeList)
        report.goal("codings --json ≥ 200k rows/s (\(Format.rate(Double(coderRows) / codings)))", met: Double(coderRows) / codings >= 200_000)
        report.goal("codings --at ≤ 2× without (\(Format.ratio(codingsAt / codings)))", met: codingsAt <= 2 * codings)
        report.goal("store ≤ 1.5× canonical bytes (\(Format.ratio(Double(onDisk) / Double(logBytes))))", met: Double(onDisk) <= 1.5 * Double(logBytes))
        report.print()
        Results.record("reads", ["events": Double(large.events), "code_list_ms": codeList * 1000, "status_ms": status * 1000,
                                 "status_first_ms": firstStatus * 1000, "codings_rows_per_s": Double(coderRows) / codings,
                                 "codings_at_ratio": codingsAt / codings, "log_json_events_per_s": Double(large.events) / log, "store_bytes": Double(onDisk), "log_bytes": Double(logBytes)])
    }
}
