import Foundation
import Store

/// The big store that `rebuild`, `apply-cold` and `clone` share: N events,
/// almost all `segment.coded` by three coders, generated once and cached in
/// Benchmarks/.data/store-N (reused while its `ready` file is there).
enum LargeStore {
    static let coders = ["alice", "bob", "carol"]
    static let format = "v1"

    struct Info {
        var root: URL
        var events: Int
        var bytes: Int
        var generated: Bool
        var generationSeconds: Double
    }

    /// Batches of this many codings per append (one transaction each).
    static let batch = 50_000

    static func ensure(events target: Int, _ options: Options) throws -> Info {
        let root = Paths.data(options).appendingPathComponent("store-\(target)")
        let ready = root.appendingPathComponent("ready")
        if let text = try? String(contentsOf: ready, encoding: .utf8), text.hasPrefix(format) {
            let project = try BenchProject.open(at: root, coders: coders)
            return Info(root: root, events: try project.eventCount(),
                        bytes: FileManager.default.directorySize(root.appendingPathComponent(Store.directoryName)),
                        generated: false, generationSeconds: 0)
        }
        try? FileManager.default.removeItem(at: root)
        note("generating a store of \(Format.int(target)) events in \(root.path) (cached for later runs)")
        let start = now()
        var rng = SeededRandom(seed: 1_000_003)
        let documentCount = target >= 100_000 ? 100 : 10
        let texts = (0..<documentCount).map { _ in TextMaker.document(&rng, paragraphs: 40, characters: 120) }
        let project = try BenchProject.create(at: root, coders: coders, documents: texts, codes: 20)
        var total = try project.eventCount()
        var round = 0
        while total < target {
            let coder = project.coders[round % project.coders.count]
            let n = min(batch, target - total)
            var actions: [Action] = []
            actions.reserveCapacity(n)
            for _ in 0..<n {
                let d = project.documents[Int(rng.next() % UInt64(project.documents.count))]
                let length = d.text.unicodeScalars.count
                let s = Int(rng.next() % UInt64(length - 200))
                let e = s + 1 + Int(rng.next() % 199)
                let c = project.codes[Int(rng.next() % UInt64(project.codes.count))]
                actions.append(BenchProject.coding(document: d.id, code: c.id, start: s, end: e))
            }
            let (_, t) = try timed { try project.store.append(actions, by: coder.key) }
            total += n
            round += 1
            note("  \(Format.int(total)) / \(Format.int(target)) events (batch of \(Format.int(n)) by \(coder.name): \(Format.rate(Double(n) / t)))")
        }
        try project.checkpoint()
        let seconds = now() - start
        try "\(format) events=\(total) seconds=\(seconds)\n".write(to: ready, atomically: true, encoding: .utf8)
        return Info(root: root, events: total, bytes: FileManager.default.directorySize(root.appendingPathComponent(Store.directoryName)),
                    generated: true, generationSeconds: seconds)
    }
}
