import Foundation
import Store

/// Benchmark 3 (issue 2): `accord apply` as a cold process on a store of N
/// events (nothing at start-up may grow with the log), beside `accord --help`
/// (process start, the floor) and the same apply on a small store. The runs
/// are interleaved, after one warm-up of each, and the median is reported.
enum ApplyColdBench {
    static func run(_ options: Options) throws {
        let target = options.int("events", full: 1_000_000, quick: 100_000)
        let smallTarget = options.int("small", full: 1_000, quick: 1_000)
        let runs = options.int("runs", full: 20, quick: 10)
        let accord = try Paths.accord(options)
        let large = try LargeStore.ensure(events: target, options)
        let small = try LargeStore.ensure(events: smallTarget, options)

        // Applies append events: work on copies, so the cached stores stay as generated.
        let work = Paths.temporary("apply")
        defer { try? FileManager.default.removeItem(at: work) }
        note("copying the stores")
        let largeCopy = work.appendingPathComponent("large"), smallCopy = work.appendingPathComponent("small")
        try FileManager.default.copyItem(at: large.root, to: largeCopy)
        try FileManager.default.copyItem(at: small.root, to: smallCopy)

        func apply(_ root: URL, _ i: Int, binary: URL = accord) -> [String] {
            [binary.path, "--store", root.path, "--as", "alice", "apply", "c01", "doc-00001", "--span", "\(i % 50):\(i % 50 + 5)"]
        }
        let help = [accord.path, "--help"]
        // --compare PATH: another accord binary (say, built with --static-swift-stdlib), interleaved in the same runs.
        let other = options.string("compare").map { URL(fileURLWithPath: $0) }
        for argv in [help, apply(largeCopy, 0), apply(smallCopy, 0)] { Subprocess.check(argv) }  // warm-up
        if let other { Subprocess.check([other.path, "--help"]); Subprocess.check(apply(largeCopy, 0, binary: other)) }
        var otherHelp: [Double] = [], otherLarge: [Double] = []

        var helpTimes: [Double] = [], largeTimes: [Double] = [], smallTimes: [Double] = []
        var largeRSS = 0
        note("\(runs) interleaved runs of each")
        for i in 1...runs {
            helpTimes.append(Subprocess.check(help).wall)
            let r = Subprocess.check(apply(largeCopy, i))
            largeTimes.append(r.wall)
            largeRSS = max(largeRSS, r.maxRSS)
            smallTimes.append(Subprocess.check(apply(smallCopy, i)).wall)
            if let other {
                otherHelp.append(Subprocess.check([other.path, "--help"]).wall)
                otherLarge.append(Subprocess.check(apply(largeCopy, i + 100, binary: other)).wall)
            }
        }
        let m = (help: median(helpTimes), large: median(largeTimes), small: median(smallTimes))
        let report = Report("apply-cold: `accord apply` as a cold process, median of \(runs)")
        report.parameter("large store", "\(Format.int(large.events)) events, \(Format.bytes(large.bytes))")
        report.parameter("small store", "\(Format.int(small.events)) events")
        report.parameter("binary", accord.path)
        report.row("apply, \(Format.int(large.events))-event store", Format.seconds(m.large),
                   "p90 \(Format.seconds(percentile(largeTimes, 90))), min \(Format.seconds(largeTimes.min()!)), peak RSS \(Format.bytes(largeRSS))")
        report.row("apply, \(Format.int(small.events))-event store", Format.seconds(m.small),
                   "p90 \(Format.seconds(percentile(smallTimes, 90))), min \(Format.seconds(smallTimes.min()!))")
        report.row("accord --help (process start)", Format.seconds(m.help),
                   "p90 \(Format.seconds(percentile(helpTimes, 90)))")
        if let other {
            report.row("apply, \(Format.int(large.events)) events, --compare binary", Format.seconds(median(otherLarge)),
                       "p90 \(Format.seconds(percentile(otherLarge, 90))), min \(Format.seconds(otherLarge.min()!)); \(other.path)")
            report.row("--help, --compare binary", Format.seconds(median(otherHelp)), "p90 \(Format.seconds(percentile(otherHelp, 90)))")
            report.row("compare / this binary, apply", Format.ratio(median(otherLarge) / m.large))
        }
        report.row("large apply / --help", Format.ratio(m.large / m.help))
        report.row("large apply / small apply", Format.ratio(m.large / m.small))
        report.goal("apply on \(Format.int(large.events)) events < 50 ms (\(Format.seconds(m.large)))", met: m.large < 0.050)
        report.print()
        Results.record("apply-cold", ["events": Double(large.events), "apply_large_ms": m.large * 1000,
                                      "apply_small_ms": m.small * 1000, "help_ms": m.help * 1000])
    }
}
