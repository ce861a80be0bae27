import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// Issue 4's wire goals as assertions, not timings: a no-op sync is one
/// round trip and under 2 KB with 10 authors; an incremental sync of k events
/// moves at most 1.2 × their canonical bytes, plus a fixed allowance per request.
@Suite struct WireFigureTests {
    /// The fixed cost of one request/response pair that does not grow with the
    /// events moved: HTTP headers, the `have` vector and `heads` of 10 authors.
    static let perRequestAllowance = 2048

    /// A project with ten authors, each holding at least one event.
    func tenAuthors() throws -> (TestProject, [SigningKey]) {
        let p = try TestProject()
        let extra = (0..<7).map { SigningKey(seed: "sync-wire-coder-\($0)") }
        for (i, key) in extra.enumerated() {
            try p.replica.addMember(name: "coder\(i)", key: key.publicHex, role: .coder, by: p.lead)
        }
        var rng = SeededRandom(seed: 9)
        for key in [p.alice, p.bob] + extra {
            try p.store.append(codingActions(1, document: p.document, length: TestProject.text.unicodeScalars.count,
                                             codes: [p.helpfulness], rng: &rng), by: key)
        }
        #expect(try p.store.authorHeads().count == 10)
        return (p, extra)
    }

    @Test func aNoOpSyncIsOneRoundTripUnder2KB() async throws {
        let (p, _) = try tenAuthors()
        try await withServer(p.store) { server in
            // Each client below asks with its own max_bytes: the figures are the protocol's, not those of a
            // same-second repeat of an identical signed request (see backToBackSyncsFromFreshClients).
            let replica = try await replica(of: server, key: p.alice, pageBytes: 1 << 20)
            let client = SyncClient(base: server.url, key: p.alice, replica: server.replica)
            let summary = try await Replicator(store: replica, client: client).run()
            #expect(summary.upToDate)
            #expect(summary.requests == 1, "one round trip says up to date")
            let total = client.traffic.bytesSent + client.traffic.bytesReceived
            #expect(total < 2048, "no-op sync moved \(client.traffic.bytesSent) + \(client.traffic.bytesReceived) bytes")

            // The same exchange on a raw socket, every byte counted (request with
            // the headers the protocol needs; the whole response, headers included).
            // (Another max_bytes than the client's, so that the body, and so the signature, differ from its request.)
            let body = SyncRequest(project: p.project, have: try replica.authorHeads(), maxBytes: 4 << 20 - 1).body
            let request = RawSocket.request("POST", "/v2/sync", body: body, key: p.alice, port: server.port, replica: server.replica)
            let socket = try RawSocket(port: server.port)
            try socket.send(request)
            let answer = try await socket.receiveResponse()
            socket.close()
            let parsed = try SyncResponse(body: answer.body)
            #expect(parsed.events.isEmpty && !parsed.more)
            #expect(request.count + answer.total < 2048, "raw no-op: \(request.count) + \(answer.total) bytes")
            print("WIRE no-op, 10 authors: client traffic sent \(client.traffic.bytesSent) received \(client.traffic.bytesReceived)"
                  + " total \(total); raw request \(request.count) (body \(body.count)) response \(answer.total) (body \(answer.body.count))"
                  + " total \(request.count + answer.total)")
        }
    }

    /// Syncs one after the other, each with a fresh client (as a program that
    /// syncs on a timer, or the demo, makes them): every no-op sync is one
    /// round trip, even two within one second.
    @Test func backToBackSyncsFromFreshClients() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let replica = try await replica(of: server, key: p.alice, pageBytes: 1 << 20)
            for i in 0..<3 {
                let started = Date()
                let s = try await Replicator(store: replica, client: SyncClient(base: server.url, key: p.alice, replica: server.replica)).run()
                #expect(s.upToDate)
                #expect(s.requests == 1, "sync \(i + 1): \(s.requests) requests in \(Date().timeIntervalSince(started)) s")
            }
        }
    }

    /// The same in a busy process: after many signed requests in a few
    /// seconds (a hub syncing with many peers, or these tests), two identical
    /// no-op syncs in one second must still be one round trip each.
    @Test func backToBackSyncsInABusyProcess() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let replica = try await replica(of: server, key: p.alice, pageBytes: 1 << 20)
            let busy = SyncClient(base: server.url, key: p.bob, replica: server.replica)
            for i in 0..<80 {
                _ = try await busy.sync(SyncRequest(project: p.project, have: [:], maxBytes: 1000 + i))
            }
            for i in 0..<3 {
                let started = Date()
                let s = try await Replicator(store: replica, client: SyncClient(base: server.url, key: p.alice, replica: server.replica)).run()
                #expect(s.requests == 1, "sync \(i + 1) after 80 requests: \(s.requests) requests in \(Date().timeIntervalSince(started)) s")
            }
        }
    }

    @Test(arguments: [1, 10, 100])
    func anIncrementalSyncMovesAboutTheEventsBytes(k: Int) async throws {
        let (p, extra) = try tenAuthors()
        try await withServer(p.store) { server in
            let replica = try await replica(of: server, key: p.alice, pageBytes: 1 << 20)

            // The fixed cost, measured: a no-op sync. (Distinct max_bytes per client, as above.)
            let idle = SyncClient(base: server.url, key: p.alice, replica: server.replica)
            var idler = Replicator(store: replica, client: idle)
            idler.pageBytes = (4 << 20) - 1
            _ = try await idler.run()
            let noop = idle.traffic.bytesSent + idle.traffic.bytesReceived

            var rng = SeededRandom(seed: UInt64(k))
            let made = try p.store.append(codingActions(k, document: p.document, length: TestProject.text.unicodeScalars.count,
                                                        codes: [p.helpfulness, p.honesty], rng: &rng), by: extra[0])
            let canonical = made.reduce(0) { $0 + $1.bytes.count }

            let client = SyncClient(base: server.url, key: p.alice, replica: server.replica)
            let summary = try await Replicator(store: replica, client: client).run()
            #expect(summary.pulled == k)
            let moved = client.traffic.bytesSent + client.traffic.bytesReceived
            let ratio = Double(moved) / Double(canonical)
            let marginal = Double(moved - noop) / Double(canonical)
            #expect(summary.requests == 1)
            #expect(Double(moved) <= 1.2 * Double(canonical) + Double(summary.requests * Self.perRequestAllowance),
                    "k \(k): \(moved) bytes for \(canonical) canonical bytes")
            #expect(marginal <= 1.2, "k \(k): beyond the fixed cost, \(marginal) × the events' bytes")
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
            print("WIRE incremental k=\(k): canonical \(canonical) bytes, moved \(moved) (no-op \(noop)), requests \(summary.requests),"
                  + " ratio \(String(format: "%.3f", ratio)), marginal \(String(format: "%.3f", marginal))")
        }
    }
}
