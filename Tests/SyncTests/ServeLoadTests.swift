import AccordTesting
import Foundation
import Project
import Testing
@testable import Store
@testable import Sync

/// Issue 10, load, the short version CI runs: a real `accord serve`
/// process and a handful of coders each coding and syncing against it for
/// a few seconds. Nothing lost, nothing twice, every replica in the same
/// state. (`scripts/load-test.sh` runs 50 coders for 60 s on a release build.)
@Suite struct ServeLoadTests {
    static let coders = 5
    static let seconds = 4.0

    @Test(.enabled(if: Accord.exists, "build the accord binary first: swift build --build-tests"))
    func codersSyncingAgainstAServeProcessConverge() async throws {
        let p = try TestProject()
        let keys = (0..<Self.coders).map { SigningKey(seed: "serve-load-\($0)") }
        for (i, key) in keys.enumerated() { try p.replica.addMember(name: "coder\(i)", key: key.publicHex, role: .coder, by: p.lead) }
        let server = try AccordProcess(["serve", "--store", p.root.path, "--listen", "127.0.0.1:0"], in: p.root)
        defer { server.terminate() }
        let url = try await ProcessEndToEndTests().waitForServer(server)
        let base = try #require(URL(string: url))

        var stores: [Store] = []
        for key in keys { stores.append(try await replica(of: base, key: key)) }
        let initial = try p.eventCount()
        let length = TestProject.text.unicodeScalars.count
        let codes = [p.helpfulness, p.honesty]
        let deadline = Date().addingTimeInterval(Self.seconds)

        let perCoder = try await withThrowingTaskGroup(of: (made: [String], syncs: [Double]).self) { group in
            for i in 0..<Self.coders {
                let store = stores[i], key = keys[i], document = p.document
                group.addTask {
                    var rng = SeededRandom(seed: UInt64(100 + i))
                    var made: [String] = []
                    var syncs: [Double] = []
                    let client = SyncClient(base: base, key: key)
                    // At least one round each: on a loaded machine a task
                    // may first run after the deadline.
                    repeat {
                        let n = Int.random(in: 1...3, using: &rng)
                        made += try store.append(codingActions(n, document: document, length: length, codes: codes, rng: &rng), by: key).map(\.id)
                        let started = Date()
                        let summary = try await Replicator(store: store, client: client).run()
                        syncs.append(Date().timeIntervalSince(started))
                        #expect(summary.pullRejected.isEmpty && summary.pushRejected.isEmpty, "coder \(i): \(summary.pushRejected.map(\.error))")
                    } while Date() < deadline
                    return (made, syncs)
                }
            }
            var all: [(made: [String], syncs: [Double])] = []
            for try await result in group { all.append(result) }
            return all
        }

        // A last round brings every coder to the server's state.
        for i in 0..<Self.coders { _ = try await sync(stores[i], with: base, as: keys[i]) }
        let made = perCoder.flatMap(\.made)
        #expect(Set(made).count == made.count)
        #expect(try p.eventCount() == initial + made.count, "nothing lost, nothing twice")
        for id in made { #expect(try p.store.holds(id)) }
        try expectSoundLog(p.store, "server")
        let reference = try ReplicaState(p.store)
        for (i, store) in stores.enumerated() {
            #expect(try ReplicaState(store) == reference, "coder \(i)")
            try expectSoundLog(store, "coder \(i)")
        }
        let latencies = perCoder.flatMap(\.syncs).sorted()
        let p50 = latencies[latencies.count / 2], p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
        print("LOAD \(Self.coders) coders × \(Self.seconds) s against accord serve (debug): \(made.count) events, \(latencies.count) syncs,"
              + " p50 \(String(format: "%.3f", p50)) s, p99 \(String(format: "%.3f", p99)) s")
        server.signal(SIGTERM)
        _ = try await server.finish(timeout: 10)
    }
}
