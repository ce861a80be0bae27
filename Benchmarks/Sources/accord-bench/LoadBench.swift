import Dispatch
import Foundation
import Histogram
import Store
import Sync

/// Issue 10, load: the release `accord serve` as its own process, and C
/// coders (in this process, each with its own replica and key) coding and
/// syncing against it at once for S seconds: each round appends one to
/// three codings and runs a full sync (pull, then push). Figures: sync
/// latency (p50, p90, p99, max, from an HDR histogram), syncs and events
/// per second. Checks: no event lost or held twice on the server, and
/// every replica's state_digest equal to the server's at the end.
enum LoadBench {
    static func run(_ options: Options) throws {
        let coders = options.int("coders", full: 50, quick: 10)
        let seconds = Double(options.int("seconds", full: 60, quick: 10))
        let accord = try Paths.accord(options)
        let work = Paths.temporary("load")
        defer { try? FileManager.default.removeItem(at: work) }

        var rng = SeededRandom(seed: options.seed)
        let text = TextMaker.document(&rng, paragraphs: 40, characters: 120)
        let names = (0..<coders).map { "load\($0)" }
        let origin = try BenchProject.create(at: work.appendingPathComponent("hub"), coders: names, documents: [text], codes: 8)
        let document = origin.documents[0].id, length = text.unicodeScalars.count
        let codes = origin.codes.map(\.id)
        let server = ServeProcess.start(accord: accord, store: origin.root)
        defer { _ = server.stop() }
        let base = URL(string: server.url)!
        note("\(coders) coders cloning \(server.url)")

        let outcome = try blocking { () async throws -> Outcome in
            var replicas: [(Store, SigningKey)] = []
            for (i, coder) in origin.coders.enumerated() {
                replicas.append((try await clone(base, key: coder.key, into: work.appendingPathComponent("coder-\(i)")), coder.key))
            }
            let initial = try origin.eventCount()
            note("\(coders) coders coding and syncing for \(Int(seconds)) s")
            let started = Date()
            let deadline = started.addingTimeInterval(seconds)
            let results = try await withThrowingTaskGroup(of: CoderResult.self) { group in
                for (i, (store, key)) in replicas.enumerated() {
                    group.addTask {
                        var result = CoderResult()
                        var rng = SeededRandom(seed: UInt64(1000 + i))
                        let client = SyncClient(base: base, key: key, replica: nil)
                        while Date() < deadline {
                            let n = 1 + Int(rng.next() % 3)
                            let actions = (0..<n).map { _ -> Action in
                                let s = Int(rng.next() % UInt64(length - 101))
                                return BenchProject.coding(document: document, code: codes[Int(rng.next() % UInt64(codes.count))],
                                                           start: s, end: s + 1 + Int(rng.next() % 100))
                            }
                            result.made += try store.append(actions, by: key).count
                            let t0 = DispatchTime.now().uptimeNanoseconds
                            let summary = try await Replicator(store: store, client: client).run()
                            result.latencies.append((DispatchTime.now().uptimeNanoseconds - t0) / 1000)
                            result.rejected += summary.pullRejected.count + summary.pushRejected.count
                        }
                        return result
                    }
                }
                var all: [CoderResult] = []
                for try await r in group { all.append(r) }
                return all
            }
            let elapsed = Date().timeIntervalSince(started)
            note("final round: every coder syncs once more")
            for (store, key) in replicas { _ = try await Replicator(store: store, client: SyncClient(base: base, key: key)).run() }
            return Outcome(replicas: replicas.map(\.0), results: results, initial: initial, elapsed: elapsed)
        }

        var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000)
        for r in outcome.results { for l in r.latencies { _ = histogram.record(l) } }
        let made = outcome.results.reduce(0) { $0 + $1.made }
        let syncs = outcome.results.reduce(0) { $0 + $1.latencies.count }
        let rejected = outcome.results.reduce(0) { $0 + $1.rejected }
        let (held, distinct) = try StoreFile.read(origin.store) { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0, try Int.fetchOne(db, sql: "SELECT count(DISTINCT id) FROM events") ?? 0)
        }
        let lost = outcome.initial + made - distinct
        let duplicated = held - distinct
        let digest = try origin.store.stateDigest()
        let differing = try outcome.replicas.filter { try $0.stateDigest() != digest }.count
        func ms(_ p: Double) -> String { String(format: "%.1f ms", Double(histogram.valueAtPercentile(p)) / 1000) }

        let report = Report("load: \(coders) coders × \(Int(seconds)) s against `accord serve` (release), each round 1–3 codings + a full sync")
        report.parameter("coders", coders)
        report.parameter("seconds", Int(seconds))
        report.row("syncs", Format.int(syncs), String(format: "%.1f syncs/s", Double(syncs) / outcome.elapsed))
        report.row("events made", Format.int(made), String(format: "%.1f events/s", Double(made) / outcome.elapsed))
        report.row("sync latency p50", ms(50))
        report.row("sync latency p90", ms(90))
        report.row("sync latency p99", ms(99))
        report.row("sync latency max", String(format: "%.1f ms", Double(histogram.max) / 1000))
        report.row("events lost / duplicated on the server", "\(lost) / \(duplicated)")
        report.row("replicas whose state_digest differs", "\(differing) of \(coders)")
        report.row("refused events", "\(rejected)")
        report.goal("0 lost, 0 duplicated (\(lost), \(duplicated))", met: lost == 0 && duplicated == 0)
        report.goal("every replica's state_digest equals the server's (\(coders - differing) of \(coders))", met: differing == 0)
        report.print()
        Results.record("load", ["coders": Double(coders), "seconds": seconds, "syncs": Double(syncs), "events": Double(made),
                                "p50_ms": Double(histogram.valueAtPercentile(50)) / 1000, "p99_ms": Double(histogram.valueAtPercentile(99)) / 1000,
                                "lost": Double(lost), "duplicated": Double(duplicated), "differing": Double(differing)])
        guard lost == 0, duplicated == 0, differing == 0 else { throw BenchError("the load run lost, duplicated or diverged") }
    }

    struct CoderResult: Sendable {
        var made = 0
        var latencies: [UInt64] = []
        var rejected = 0
    }

    struct Outcome: @unchecked Sendable {
        var replicas: [Store]
        var results: [CoderResult]
        var initial: Int
        var elapsed: Double
    }

    /// A new replica of the served project, made the way `accord clone` does.
    static func clone(_ base: URL, key: SigningKey, into root: URL) async throws -> Store {
        let store = try Store(directory: root.appendingPathComponent(Store.directoryName), create: true)
        let client = SyncClient(base: base, key: key)
        let info = try await client.info()
        _ = try store.receive(try await client.sync(SyncRequest(project: info.project, have: [:], maxBytes: 1 << 20)).events)
        _ = try await Replicator(store: store, client: client).run()
        return store
    }

    /// Runs async work to the end from the benchmarks' synchronous driver.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, any Error>?
        Task {
            do { result = .success(try await work()) } catch { result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try result!.get()
    }
}
