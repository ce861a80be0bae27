import Foundation
import Store

/// Benchmark 6 (issue 4): what sync costs on the wire. A served origin with A
/// authors and a clone of it; a no-op `accord sync` (round trips, bytes each
/// way), then for each k a sync that pulls k new events: bytes on the wire ÷
/// the canonical bytes of those k events. Bytes are counted two ways: by a
/// counting TCP relay between the processes (everything: request lines,
/// headers, bodies) and by the client's own `SyncClient.traffic` (`sync --json`).
enum SyncWireBench {
    static func run(_ options: Options) throws {
        let authors = options.int("authors", full: 10, quick: 10)
        let ks = options.ints("ks", full: [1, 10, 100, 1000], quick: [1, 10, 100, 1000])
        let accord = try Paths.accord(options)
        let work = Paths.temporary("sync-wire")
        defer { try? FileManager.default.removeItem(at: work) }

        // Origin: the lead and A−1 coders, each with some codings: A authors.
        var rng = SeededRandom(seed: options.seed)
        let texts = (0..<5).map { _ in TextMaker.document(&rng, paragraphs: 40, characters: 120) }
        let coderNames = (1..<authors).map { "coder\($0)" }
        let origin = try BenchProject.create(at: work.appendingPathComponent("origin"), coders: coderNames, documents: texts, codes: 5)
        func codings(_ count: Int) -> [Action] {
            (0..<count).map { _ in
                let d = origin.documents[Int(rng.next() % UInt64(origin.documents.count))]
                let s = Int(rng.next() % 4000)
                return BenchProject.coding(document: d.id, code: origin.codes[Int(rng.next() % 5)].id, start: s, end: s + 1 + Int(rng.next() % 100))
            }
        }
        for coder in origin.coders { try origin.store.append(codings(20), by: coder.key) }
        let heads = try origin.store.authorHeads()
        precondition(heads.count == authors, "origin has \(heads.count) authors")

        let server = ServeProcess.start(accord: accord, store: origin.root)
        defer { _ = server.stop() }
        let proxy = CountingProxy(upstreamPort: Int(server.url.split(separator: ":").last!)!)
        let replica = work.appendingPathComponent("replica")
        let keyFile = origin.root.appendingPathComponent(".accord/keys/reader.key")
        Subprocess.check([accord.path, "clone", proxy.url, replica.path, "--key", keyFile.path, "--as", "reader"])

        struct Sync { var requests: Int; var sent: Int; var received: Int; var wireUp: Int; var wireDown: Int; var connections: Int; var pulled: Int }
        func sync() -> Sync {
            proxy.reset()
            let r = Subprocess.check([accord.path, "--store", replica.path, "sync", "--json"])
            usleep(50_000)
            let json = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
            let t = proxy.totals()
            return Sync(requests: json["requests"] as? Int ?? -1, sent: json["bytes_sent"] as? Int ?? -1,
                        received: json["bytes_received"] as? Int ?? -1, wireUp: t.up, wireDown: t.down,
                        connections: t.connections, pulled: json["pulled"] as? Int ?? -1)
        }

        let report = Report("sync-wire: \(authors) authors, `accord sync` through a byte-counting relay")
        report.parameter("authors", authors)
        report.parameter("origin events", try origin.eventCount())
        let noop = sync()
        precondition(noop.pulled == 0, "the no-op sync pulled \(noop.pulled)")
        report.row("no-op sync: round trips", "\(noop.requests)", "\(noop.connections) TCP connection(s)")
        report.row("no-op sync: bytes on the wire", Format.bytes(noop.wireUp + noop.wireDown),
                   "\(noop.wireUp) B up, \(noop.wireDown) B down (SyncClient.traffic: \(noop.sent) up, \(noop.received) down)")
        report.goal("no-op sync: 1 round trip, < 2 KB (\(noop.requests), \(Format.bytes(noop.wireUp + noop.wireDown)))",
                    met: noop.requests == 1 && noop.wireUp + noop.wireDown < 2048)
        var figures: [String: Double] = ["noop_requests": Double(noop.requests), "noop_bytes": Double(noop.wireUp + noop.wireDown)]
        var worst = 0.0
        for k in ks {
            let coder = origin.coders[k % origin.coders.count]
            let events = try origin.store.append(codings(k), by: coder.key)
            let canonical = events.reduce(0) { $0 + $1.bytes.count }
            let s = sync()
            precondition(s.pulled == k, "pulled \(s.pulled), expected \(k)")
            let ratio = Double(s.wireUp + s.wireDown) / Double(canonical)
            worst = max(worst, ratio)
            report.row("k = \(k): wire / canonical", String(format: "%.3f", ratio),
                       "\(s.requests) request(s), \(s.wireUp) B up + \(s.wireDown) B down for \(canonical) B of events; down only \(String(format: "%.3f", Double(s.wireDown) / Double(canonical))); traffic \(String(format: "%.3f", Double(s.sent + s.received) / Double(canonical)))")
            figures["k\(k)_ratio"] = ratio
            figures["k\(k)_down_ratio"] = Double(s.wireDown) / Double(canonical)
        }
        for k in ks {
            let r = figures["k\(k)_ratio"]!
            report.goal("k = \(k): wire ÷ canonical ≤ 1.2 (\(String(format: "%.3f", r)))", met: r <= 1.2)
        }
        report.print()
        Results.record("sync-wire", figures)
    }
}
