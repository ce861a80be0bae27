import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// Clone, pull, push and an up-to-date sync between two replicas on loopback.
@Suite struct SyncBasicsTests {
    @Test func cloneThenSyncBothWays() async throws {
        let p = try TestProject()
        let server = try await TestServer.start(p.store)
        defer { Task { await server.stop() } }
        let keyFile = p.root.appendingPathComponent("alice.key")
        try Keyring.writeKeyFile(p.alice, to: keyFile)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("accord-clone-\(UUID().uuidString)")
        let (replica, cloned) = try await Replicator.clone(from: server.url, into: target, keyFile: keyFile, as: "alice")
        #expect(cloned.pulled == (try p.eventCount()))
        #expect(try replica.stateDigest() == (try p.digest()))

        try Replica(store: replica).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
        try p.replica.apply(code: "values/honesty", document: "northwind", at: .span(3, 9), by: p.bob)
        // The clone's remote remembers the replica id the server announced: no /v1/info round trip.
        let origin = try Remotes(store: replica).remote("origin")
        #expect(origin.replica == server.replica)
        let client = try origin.client(key: p.alice)
        let summary = try await Replicator(store: replica, client: client).run()
        #expect(summary.pulled == 1)
        #expect(summary.pushed == 1)
        #expect(try replica.stateDigest() == (try p.digest()))

        let again = try await Replicator(store: replica, client: try origin.client(key: p.alice)).run()
        #expect(again.upToDate)
        #expect(again.requests == 1, "an up-to-date sync is one round trip")
        await server.stop()
    }
}
