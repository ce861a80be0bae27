import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// Issue 4, "Reliability tests": 20 clients pushing and pulling at once
/// against one server; no event lost or duplicated, every replica converges.
@Suite struct LoadTests {
    static let clients = 20
    static let codingsPerClient = 50

    @Test func twentyClientsPushAndPullConcurrently() async throws {
        let p = try TestProject()
        let keys = (0..<Self.clients).map { SigningKey(seed: "sync-load-coder-\($0)") }
        for (i, key) in keys.enumerated() {
            try p.replica.addMember(name: "coder\(i)", key: key.publicHex, role: .coder, by: p.lead)
        }
        let length = TestProject.text.unicodeScalars.count
        let codes = [p.helpfulness, p.honesty]

        try await withServer(p.store) { server in
            var stores: [Store] = []
            for key in keys { stores.append(try await replica(of: server, key: key)) }
            let initial = try p.eventCount()
            var mine: [[String]] = Array(repeating: [], count: Self.clients)

            // Each client codes offline: half before the first round, half between rounds.
            func codeOffline(_ half: Int) throws {
                for (i, store) in stores.enumerated() {
                    var rng = SeededRandom(seed: UInt64(i * 2 + half))
                    let n = half == 0 ? Self.codingsPerClient / 2 : Self.codingsPerClient - Self.codingsPerClient / 2
                    mine[i] += try store.append(codingActions(n, document: p.document, length: length, codes: codes, rng: &rng),
                                                by: keys[i]).map(\.id)
                }
            }

            /// Every client runs `sync` at once; the lead keeps working on the server meanwhile.
            func concurrentRound(_ round: Int) async throws -> [SyncSummary] {
                try await withThrowingTaskGroup(of: (Int, SyncSummary).self) { group in
                    for i in 0..<Self.clients {
                        let store = stores[i], key = keys[i]
                        group.addTask {
                            var replicator = Replicator(store: store, client: SyncClient(base: server.url, key: key))
                            replicator.pageBytes = 16 * 1024
                            return (i, try await replicator.run())
                        }
                    }
                    group.addTask {
                        try p.replica.changeCode("values/helpfulness", description: "round \(round)", by: p.lead)
                        return (-1, SyncSummary())
                    }
                    var out = Array(repeating: SyncSummary(), count: Self.clients)
                    for try await (i, summary) in group where i >= 0 { out[i] = summary }
                    return out
                }
            }

            try codeOffline(0)
            let first = try await concurrentRound(1)
            try codeOffline(1)
            let second = try await concurrentRound(2)

            for i in 0..<Self.clients {
                for s in [first[i], second[i]] {
                    #expect(s.pullRejected.isEmpty, "client \(i) pull: \(s.pullRejected)")
                    #expect(s.pushRejected.isEmpty, "client \(i) push: \(s.pushRejected.map(\.error))")
                }
                #expect(first[i].pushed + second[i].pushed == Self.codingsPerClient,
                        "client \(i): each of its events accepted exactly once (\(first[i].pushed) + \(second[i].pushed))")
            }

            // Nothing lost, nothing twice.
            let expected = initial + Self.clients * Self.codingsPerClient + 2
            #expect(try p.eventCount() == expected)
            try expectSoundLog(p.store, "server")
            for ids in mine { for id in ids { #expect(try p.store.holds(id)) } }

            // A final round brings everyone to the server's state.
            for i in 0..<Self.clients {
                let s = try await sync(stores[i], with: server.url, as: keys[i])
                #expect(s.pushed == 0)
            }
            let reference = try ReplicaState(p.store)
            for (i, store) in stores.enumerated() {
                #expect(try ReplicaState(store) == reference, "client \(i)")
                try expectSoundLog(store, "client \(i)")
            }
        }
    }
}
