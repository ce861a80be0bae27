import AccordTesting
import Foundation
import Testing
@testable import Store
@testable import Sync

/// A connection cut mid-response, on either side: the next sync completes
/// with no duplicate and no gap (issue 4, "Bad input and faults").
@Suite struct CutConnectionTests {
    /// The server side: raw TCP clients ask for a large answer and hang up
    /// part way (FIN after a partial read, RST, a request cut mid-body).
    @Test func theServerSurvivesCutsAndTheNextSyncIsWhole() async throws {
        let p = try TestProject()
        try populate(p, codings: 300, bigDocuments: 3, documentBytes: 150_000, seed: 4)
        let total = try p.eventCount()
        try await withServer(p.store) { server in
            let replica = try temporaryStore()
            // The replica holds a first page already, so the cut answers start mid-history.
            let first = try await SyncClient(base: server.url, key: p.alice)
                .sync(SyncRequest(project: p.project, have: [:], maxBytes: 4096))
            #expect(first.more)
            #expect(try replica.receive(first.events).allSatisfy { $0 == .accepted })

            let have = try replica.authorHeads()
            // Distinct bodies, so that no two signed requests are the same (the replay guard).
            func request(_ maxBytes: Int) -> [UInt8] {
                RawSocket.request("POST", "/v2/sync", body: syncBody(project: p.project, have: have, maxBytes: maxBytes), key: p.alice,
                                  port: server.port, replica: server.replica)
            }

            // 1. Read the head and 8 KB of a ~600 KB answer, then close.
            let s1 = try RawSocket(port: server.port)
            try s1.send(request(8 << 20))
            let part = try await s1.receive(upTo: 8192)
            s1.close()
            #expect(part.count == 8192)
            #expect(String(decoding: part.prefix(12), as: UTF8.self) == "HTTP/1.1 200", "the answer started")

            // 2. Send, then reset at once, before reading anything.
            let s2 = try RawSocket(port: server.port)
            try s2.send(request(8 << 20 - 1))
            s2.reset()

            // 3. Read a little, then reset.
            let s3 = try RawSocket(port: server.port)
            try s3.send(request(8 << 20 - 2))
            _ = try await s3.receive(upTo: 100)
            s3.reset()

            // 4. A request cut in the middle of its body.
            let s4 = try RawSocket(port: server.port)
            let whole = request(8 << 20 - 3)
            try s4.send(Array(whole.prefix(whole.count - 20)))
            s4.close()

            // 5. A whole answer on a raw socket still arrives intact.
            let s5 = try RawSocket(port: server.port)
            try s5.send(request(8 << 20 - 4))
            let answer = try await s5.receiveResponse()
            s5.close()
            let parsed = try SyncResponse(body: answer.body)
            #expect(parsed.events.count == total - first.events.count)
            #expect(!parsed.more)

            // Still serving.
            let info = try await RawHTTP.send(server.url, "GET", "/v1/info", authorization: nil)
            #expect(info.status == 200)

            // The next ordinary sync completes: every event once, no gap.
            let summary = try await sync(replica, with: server.url, as: p.alice)
            #expect(summary.pulled == total - first.events.count)
            #expect(summary.pushed == 0)
            try expectSoundLog(replica, "replica")
            try expectSoundLog(p.store, "server")
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
            #expect(try replica.logFacts().events == total)
        }
    }

    /// The client side: a pull stopped after its first small page (the
    /// process died), then an ordinary sync resumes from what is held.
    @Test func aPullCutAfterItsFirstPageResumes() async throws {
        let p = try TestProject()
        try populate(p, codings: 200, seed: 5)
        let total = try p.eventCount()
        try await withServer(p.store) { server in
            let replica = try temporaryStore()
            let client = SyncClient(base: server.url, key: p.bob)
            let page = try await client.sync(SyncRequest(project: p.project, have: [:], maxBytes: 2000))
            #expect(page.more)
            #expect(page.events.count > 0 && page.events.count < total)
            #expect(try replica.receive(page.events).allSatisfy { $0 == .accepted }, "a page prefix is causally closed")

            // A second page received twice (a retry after a lost answer) changes nothing the second time.
            let second = try await client.sync(SyncRequest(project: p.project, have: try replica.authorHeads(), maxBytes: 2000))
            #expect(try replica.receive(second.events).allSatisfy { $0 == .accepted })
            #expect(try replica.receive(second.events).allSatisfy { $0 == .duplicate })
            let held = page.events.count + second.events.count

            let summary = try await sync(replica, with: server.url, as: p.bob, pageBytes: 8 * 1024)
            #expect(summary.pulled == total - held)
            #expect(summary.requests > 2, "small pages: several round trips")
            try expectSoundLog(replica)
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
        }
    }

    /// A push stopped after its first page, then an ordinary sync.
    @Test func aPushCutAfterItsFirstPageResumes() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let replica = try await replica(of: server, key: p.alice)
            var rng = SeededRandom(seed: 6)
            try replica.append(codingActions(120, document: p.document, length: TestProject.text.unicodeScalars.count,
                                             codes: [p.helpfulness, p.honesty], rng: &rng), by: p.alice)
            let client = SyncClient(base: server.url, key: p.alice)
            let page = try replica.missing(have: try p.store.authorHeads(), maxBytes: 4096)
            #expect(page.more)
            let results = try await client.push(page.events)
            #expect(results.allSatisfy { $0.outcome == .accepted })

            let summary = try await sync(replica, with: server.url, as: p.alice, pageBytes: 16 * 1024)
            #expect(summary.pushed == 120 - page.events.count)
            #expect(summary.pulled == 0)
            try expectSoundLog(p.store)
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
        }
    }
}
