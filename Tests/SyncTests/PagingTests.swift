import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// `POST /v2/sync` pages (events/README.md §14): at most `max_bytes` of
/// event bytes but always at least one event, in (time, author, seq) order,
/// `more` exactly while something is left.
@Suite struct PagingTests {
    @Test func pagesRespectMaxBytesAndAlwaysCarryOneEvent() async throws {
        let p = try TestProject()
        try populate(p, codings: 40, seed: 31)
        let all = try p.store.allEventBytes()
        try await withServer(p.store) { server in
            let client = SyncClient(base: server.url, key: p.alice)
            for maxBytes in [1, 700, 3000] {
                var have: [String: Int64] = [:]
                var received: [[UInt8]] = []
                var pages = 0
                while true {
                    let asked = have
                    let page = try await client.sync(SyncRequest(project: p.project, have: have, maxBytes: maxBytes))
                    pages += 1
                    #expect(!page.events.isEmpty || received.count == all.count, "a page carries at least one event")
                    if page.events.count > 1 {
                        let size = page.events.reduce(0) { $0 + $1.count }
                        #expect(size <= maxBytes, "max_bytes \(maxBytes): a page of \(page.events.count) events holds \(size) bytes")
                    }
                    if maxBytes == 1 { #expect(page.events.count == 1) }
                    received += page.events
                    for bytes in page.events {
                        let e = try Event(bytes: bytes)
                        have[e.author] = max(have[e.author] ?? 0, e.seq)
                    }
                    #expect(page.more == (received.count < all.count), "more says whether anything is left")
                    // The server lists its heads where they differ from what was asked with.
                    #expect(page.heads == (try p.store.authorHeads()).filter { asked[$0.key] != $0.value })
                    if !page.more { break }
                    if pages > all.count + 1 { Issue.record("paging does not end"); break }
                }
                #expect(received == all, "max_bytes \(maxBytes): every event once, in the server's order")
            }

            // A replicator with one-byte pages still completes, one event per request.
            let replica = try temporaryStore()
            let summary = try await sync(replica, with: server.url, as: p.bob, pageBytes: 1)
            #expect(summary.pulled == all.count)
            #expect(summary.requests >= all.count)
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
            try expectSoundLog(replica)
        }
    }

    /// A replica of another project is refused, and nothing is exchanged.
    @Test func syncingWithAnotherProjectIsRefused() async throws {
        let p = try TestProject()
        let other = try TestProject()  // the same fixed keys: alice is a member of both
        let before = try ReplicaState(p.store), otherBefore = try ReplicaState(other.store)
        try await withServer(p.store) { server in
            do {
                _ = try await Replicator(store: other.store, client: SyncClient(base: server.url, key: p.alice)).run()
                Issue.record("a sync across projects succeeded")
            } catch {
                #expect((error as? AccordError)?.code == "wrong_project", "\(error)")
            }
        }
        #expect(try ReplicaState(p.store) == before)
        #expect(try ReplicaState(other.store) == otherBefore)
    }

    /// Events are judged by their causal past, whoever relays them: a coding
    /// made before its author's removal is accepted when relayed after it;
    /// one made after seeing the removal is not.
    @Test func relayedEventsAreJudgedByTheirCausalPast() async throws {
        let p = try TestProject()
        let remy = SigningKey(seed: "sync-relay-remy")
        try p.replica.addMember(name: "remy", key: remy.publicHex, role: .coder, by: p.lead)
        try await withServer(p.store) { server in
            let remysReplica = try await replica(of: server, key: remy)
            let before = try Replica(store: remysReplica).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 3), by: remy)
            try p.replica.removeMember("remy", by: p.lead)
            // remy may no longer push; alice relays his offline work.
            let refused = try await RawHTTP.signed(server.url, "POST", "/v2/events", body: JSONLines.join([before.bytes]), key: remy)
            expectRefusal(refused, 403, "not_member")
            let relayed = try await SyncClient(base: server.url, key: p.alice).push([before.bytes])
            #expect(relayed.map(\.status) == ["accepted"])

            // After seeing his removal, remy's next event is refused, by whoever relays it.
            _ = try remysReplica.receive(try p.store.allEventBytes())
            let after = try p.craft(.segmentCoded, ["document": .string(p.document), "code": .string(p.honesty), "start": 1, "end": 2],
                                    by: remy)
            let late = try await SyncClient(base: server.url, key: p.alice).push([after.bytes])
            #expect(late.map(\.status) == ["rejected not_member"])
        }
    }
}
