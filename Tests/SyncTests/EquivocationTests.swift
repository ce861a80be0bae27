import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// One key, two replicas, two different events at one seq (DESIGN §3,
/// events/README.md §11.3): the second is kept as evidence and refused with
/// `equivocation`, the author is quarantined, the lead is told, and a new key
/// lets the member carry on.
@Suite struct EquivocationTests {
    struct Fork {
        let p: TestProject
        let r1: Store
        let r2: Store
        let a: Event   // alice's seq 1 on replica 1
        let b: Event   // alice's seq 1 on replica 2
        let b2: Event  // alice's seq 2 on replica 2
    }

    /// Two replicas with alice's key; each codes offline; replica 1 syncs first.
    func fork(_ server: TestServer, _ p: TestProject) async throws -> Fork {
        let r1 = try await replica(of: server, key: p.alice)
        let r2 = try await replica(of: server, key: p.alice)
        let a = try Replica(store: r1).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
        let b = try Replica(store: r2).apply(code: "values/honesty", document: "northwind", at: .span(4, 12), by: p.alice)
        let b2 = try Replica(store: r2).apply(code: "values/helpfulness", document: "northwind", at: .span(20, 30), by: p.alice)
        #expect(a.seq == 1 && b.seq == 1 && a.id != b.id)
        let first = try await sync(r1, with: server.url, as: p.alice)
        #expect(first.pushed == 1)
        return Fork(p: p, r1: r1, r2: r2, a: a, b: b, b2: b2)
    }

    @Test func theSecondEventIsEvidenceTheAuthorIsQuarantinedAndANewKeyCarriesOn() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let f = try await fork(server, p)
            let hub = p.store
            let digestBefore = try hub.stateDigest()

            // Replica 2 pushes its fork of alice's chain.
            let results = try await SyncClient(base: server.url, key: p.alice).push([f.b.bytes, f.b2.bytes])
            #expect(results.map(\.status) == ["rejected equivocation", "rejected quarantined"])

            // The evidence is kept, not applied.
            let evidence = try hub.equivocationRecords()
            #expect(evidence.count == 1)
            #expect(evidence.first?.id == f.b.id)
            #expect(evidence.first?.author == p.alice.publicHex)
            #expect(evidence.first?.seq == 1)
            #expect(evidence.first?.conflictsWith == f.a.id)
            #expect(evidence.first?.bytes == f.b.bytes, "the evidence is the exact bytes received")
            #expect(try hub.holds(f.a.id) && !hub.holds(f.b.id) && !hub.holds(f.b2.id))
            #expect(try hub.stateDigest() == digestBefore, "evidence changes no projection")
            #expect(try hub.isQuarantined(p.alice.publicHex))
            try expectSoundLog(hub)

            // The lead is told.
            let listed = try hub.conflicts().filter { $0.kind == .equivocation }
            #expect(listed.count == 1)
            #expect(listed.first?.thing == p.alice.publicHex)
            #expect(Set(listed.first?.sides.map(\.id) ?? []) == [f.a.id, f.b.id])

            // The evidence again is a duplicate; any later event of alice's is quarantined,
            // including one built on the accepted branch.
            let again = try await SyncClient(base: server.url, key: p.alice).push([f.b.bytes])
            #expect(again.map(\.status) == ["duplicate"])
            let onA = try p.craft(.memoAdded, ["text": "after the fork"], by: p.alice)
            #expect(onA.prev == f.a.id)
            if case .rejected(let e) = try p.receive(onA.bytes) { #expect(e.code == "quarantined") } else { Issue.record("accepted") }

            // The lead gives alice a new key; she carries on with it from replica 1.
            let alice2 = SigningKey(seed: "sync-equivocation-alice-2")
            try Replica(store: hub).changeMember("alice", newName: nil, role: nil, keys: [alice2.publicHex], by: p.lead)
            let pulled = try await sync(f.r1, with: server.url, as: alice2)
            #expect(pulled.pulled == 1)
            let c = try Replica(store: f.r1).apply(code: "values/honesty", document: "northwind", at: .span(1, 2), by: alice2)
            let pushed = try await sync(f.r1, with: server.url, as: alice2)
            #expect(pushed.pushed == 1)
            #expect(try hub.holds(c.id))
            #expect(try ReplicaState(f.r1) == (try ReplicaState(hub)))

            // Other members are untouched by alice's quarantine.
            let d = try Replica(store: hub).apply(code: "values/helpfulness", document: "northwind", at: .span(2, 3), by: p.bob)
            #expect(try hub.holds(d.id))
        }
    }

    /// Both sides of a fork in one push: the first is accepted, the second kept as evidence.
    @Test func bothSidesInOnePush() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let r1 = try await replica(of: server, key: p.alice)
            let r2 = try await replica(of: server, key: p.alice)
            let a = try Replica(store: r1).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
            let b = try Replica(store: r2).apply(code: "values/honesty", document: "northwind", at: .span(4, 12), by: p.alice)
            let results = try await SyncClient(base: server.url, key: p.bob).push([a.bytes, b.bytes])
            #expect(results.map(\.status) == ["accepted", "rejected equivocation"])
            #expect(try p.store.equivocationRecords().map(\.id) == [b.id])
            #expect(try p.store.isQuarantined(p.alice.publicHex))
            try expectSoundLog(p.store)
        }
    }

    /// A fork at the author's newest seq: replica 2 holds a different event at
    /// the seq the hub already has for alice. The version vectors are equal,
    /// so neither side sends anything for alice; the fork must still come to
    /// light (the hub keeps replica 2's event as evidence), or replica 2 and
    /// the hub stay apart for ever while `sync` says "up to date".
    @Test func aForkAtTheAuthorsNewestSeqIsRevealed() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let r1 = try await replica(of: server, key: p.alice)
            let r2 = try await replica(of: server, key: p.alice)
            _ = try Replica(store: r1).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
            let b = try Replica(store: r2).apply(code: "values/honesty", document: "northwind", at: .span(4, 12), by: p.alice)
            try await sync(r1, with: server.url, as: p.alice)

            var replicator = Replicator(store: r2, client: SyncClient(base: server.url, key: p.alice))
            replicator.pageBytes = 1 << 20
            let summary = try await replicator.run()
            let told = summary.pushRejected.contains { $0.error.code == "equivocation" } || summary.pullRejected.contains { $0.code == "equivocation" }
            #expect(told || !summary.upToDate, "sync reports replica 2 up to date, yet it holds \(b.id.prefix(12)) the hub never saw")
            #expect(try p.store.equivocationRecords().map(\.id) == [b.id], "the hub keeps the second event at alice's seq 1 as evidence")
            #expect(try p.store.isQuarantined(p.alice.publicHex))
        }
    }

    /// A fork whose second side is only named as a dep: bob codes on replica 2
    /// after alice's forked event; his event reaches the hub, which lacks that dep.
    @Test func aForkNamedOnlyAsADepIsRevealed() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let r1 = try await replica(of: server, key: p.alice)
            let r2 = try await replica(of: server, key: p.alice)
            _ = try Replica(store: r1).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
            let b = try Replica(store: r2).apply(code: "values/honesty", document: "northwind", at: .span(4, 12), by: p.alice)
            let bobs = try Replica(store: r2).apply(code: "values/honesty", document: "northwind", at: .span(1, 3), by: p.bob)
            #expect(bobs.deps.contains(b.id))
            try await sync(r1, with: server.url, as: p.alice)

            var replicator = Replicator(store: r2, client: SyncClient(base: server.url, key: p.bob))
            replicator.pageBytes = 1 << 20
            let summary = try await replicator.run()
            let codes = summary.pushRejected.map(\.error.code)
            #expect(codes.contains("equivocation"), "replica 2's push got \(codes)")
            #expect(try p.store.equivocationRecords().map(\.id) == [b.id], "the hub keeps the second event at alice's seq 1 as evidence")
        }
    }

    /// The same fork, but replica 2 simply runs `sync` as any coder would.
    /// The hub must still see the second event at seq 1 and keep it as
    /// evidence: otherwise the fork goes unnoticed, replica 2's later events
    /// are refused as `missing_prev` for ever, and the lead is never told.
    @Test func anOrdinarySyncOfAForkedReplicaRevealsTheEquivocation() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let f = try await fork(server, p)
            var replicator = Replicator(store: f.r2, client: SyncClient(base: server.url, key: p.alice))
            replicator.pageBytes = 1 << 20
            let summary = try await replicator.run()
            let codes = summary.pushRejected.map(\.error.code)
            #expect(codes.contains("equivocation"), "replica 2 is told of the equivocation; its push got \(codes)")
            #expect(try p.store.equivocationRecords().map(\.id) == [f.b.id], "the hub keeps the second event at seq 1 as evidence")
            #expect(try p.store.isQuarantined(p.alice.publicHex))
            #expect(try p.store.conflicts().contains { $0.kind == .equivocation }, "the lead is told")
        }
    }
}
