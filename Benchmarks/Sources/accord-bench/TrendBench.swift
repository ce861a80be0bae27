import Agreement
import Foundation
import Project
import Store

/// `agreement --trend` (issue 7): the per-code agreement at 20 cuts of the
/// history (`Replica.agreementTrend`: each cut a query over the live tables,
/// the codings carried from step to step), against one
/// `agreement` call on the same store and against 20 `agreement --at` calls
/// (each reads the whole state at its cut). The coders' codings are appended in
/// interleaved batches, so most cuts have every coder to compare.
enum TrendBench {
    static func run(_ options: Options) throws {
        let paragraphs = options.int("paragraphs", full: 100_000, quick: 10_000)
        let codeCount = options.int("codes", full: 20, quick: 20)
        let coderCount = options.int("coders", full: 3, quick: 3)
        let steps = options.int("steps", full: 20, quick: 20)
        let coders = AgreementBench.coderNames(coderCount)
        note("generating \(Format.int(paragraphs)) paragraphs × \(codeCount) codes × \(coderCount) coders")
        let data = AgreementBench.paragraphDataset(paragraphs: paragraphs, codes: codeCount, coders: coderCount, seed: options.seed)
        let project = try store(data, codes: codeCount, coders: coders, options: options)
        let events = try project.store.read { view in try view.currentCodingCount() } + data.texts.count * coderCount
        var query = AgreementQuery()
        query.unit = .paragraph
        query.includeUnfinished = true
        let replica = Replica(store: project.store)

        note("one agreement call × 3")
        var oneTimes: [Double] = []
        for _ in 0..<3 { oneTimes.append(try timed { try replica.agreement(query) }.1) }
        let one = median(oneTimes)

        let total = try project.store.log(LogFilter()).count
        let per = max(1, total / steps)
        note("agreement --trend, \(steps) steps of \(Format.int(per)) events")
        let (points, trend) = try timed { try replica.agreementTrend(query, cut: .events(per)) }
        let reported = points.filter { $0.report != nil }.count

        note("agreement --at each step's time (the whole state read per step)")
        var naive = 0.0
        var same = true
        for point in points {
            var at = query
            at.moment = .time(point.point.time)
            let (result, t) = try timed { try? replica.agreement(at) }
            naive += t
            if let report = point.report, let result, result.report != report { same = false }
        }

        let report = Report("agreement --trend: \(Format.int(total)) events, \(points.count) steps")
        report.parameter("paragraph units", Format.int(data.unitCount))
        report.parameter("codes × coders", "\(codeCount) × \(coderCount)")
        report.parameter("codings + done marks", Format.int(events))
        report.row("one agreement call (now)", Format.seconds(one), "median of 3")
        report.row("agreement --trend", Format.seconds(trend),
                   "\(points.count) steps, \(reported) with a report; \(Format.ratio(trend / one)) of one call")
        report.row("agreement --at at every step", Format.seconds(naive), "\(Format.ratio(naive / one)) of one call")
        report.row("speed-up of the trend over --at per step", Format.ratio(naive / trend))
        report.goal("each step's report identical to agreement --at that time", met: same)
        report.goal("trend ≤ 3× one agreement call (\(Format.ratio(trend / one)))", met: trend <= 3 * one)
        report.print()
        Results.record("trend", ["events": Double(total), "steps": Double(points.count), "one_ms": one * 1000,
                                 "trend_ms": trend * 1000, "replays_ms": naive * 1000, "trend_over_one": trend / one])
    }

    /// The dataset's store, the coders' codings appended in interleaved batches
    /// of 1,000 (so the history has every coder early on), then the done marks.
    static func store(_ data: AgreementBench.Dataset, codes: Int, coders: [String], options: Options) throws -> BenchProject {
        let root = Paths.data(options).appendingPathComponent("trend-\(data.unitCount)x\(codes)x\(coders.count)-s\(options.seed)")
        let ready = root.appendingPathComponent("ready")
        if FileManager.default.fileExists(atPath: ready.path) { return try BenchProject.open(at: root, coders: coders) }
        try? FileManager.default.removeItem(at: root)
        note("building the trend store (\(Format.int(data.codings.count)) codings; cached in \(root.path))")
        let project = try BenchProject.create(at: root, coders: coders, documents: data.texts, codes: codes, extraMembers: [])
        var queues = project.coders.indices.map { k in
            data.codings.filter { $0.coder == k }.map {
                BenchProject.coding(document: project.documents[$0.document].id, code: project.codes[$0.code].id, start: $0.start, end: $0.end)
            }[...]
        }
        while queues.contains(where: { !$0.isEmpty }) {
            for k in queues.indices where !queues[k].isEmpty {
                let batch = queues[k].prefix(1_000)
                queues[k] = queues[k].dropFirst(batch.count)
                try project.store.append(Array(batch), by: project.coders[k].key)
            }
        }
        for coder in project.coders {
            try project.store.append(try project.documents.map { try Action(.documentDone, ["document": .string($0.id)]) }, by: coder.key)
        }
        try project.checkpoint()
        try "ready\n".write(to: ready, atomically: true, encoding: .utf8)
        return project
    }
}
