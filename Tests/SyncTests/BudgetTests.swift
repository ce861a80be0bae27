import AccordTesting
import Foundation
import Hummingbird
import Testing
@testable import Store
@testable import Sync

/// Issue 10, "budgets, not luck": requests at once per key and in total,
/// and body sizes, each capped; a client told to retry does.
@Suite struct BudgetTests {
    /// A push whose body has not finished arriving holds its key's budget
    /// and one of the total; one more request by that key is told to retry
    /// (429), one over the total too (503), while other keys are served; a
    /// client told to retry does, and gets through once a slot is free.
    @Test func requestsOverTheBudgetsAreToldToRetry() async throws {
        let p = try TestProject()
        var limits = ServerLimits()
        limits.maxRequestsPerKey = 1
        limits.maxRequests = 2
        limits.idleTimeout = .seconds(60)
        try await withServer(p.store, limits: limits) { server in
            let url = server.url, replica = server.replica
            // A session of its own: no request here queues behind another test's for a connection.
            let session = RawHTTP.separateSession()
            var probes = 0
            /// A read by `key`: answered at once while the budgets allow.
            func probe(_ key: SigningKey) async throws -> RawResponse {
                probes += 1
                return try await RawHTTP.signed(url, "POST", SyncWire.syncPath, body: syncBody(project: p.project, maxBytes: 1000 + probes),
                                                key: key, replica: replica, session: session)
            }
            /// A push by `key` whose body stops halfway, held open until it
            /// is in the server: `probe` by `prober` answers `status`. (A
            /// holder that arrived while a probe held the budget was itself
            /// refused; it is sent again.) The holder gets a second's head
            /// start on each probe, and the deadline is generous: on a
            /// loaded machine a probe that wins the race refuses the holder.
            func holder(_ key: SigningKey, until prober: SigningKey, answers status: Int) async throws -> RawSocket {
                let deadline = Date().addingTimeInterval(300)
                while true {
                    probes += 1
                    let body = Array(String(repeating: "[\(probes)]\n", count: 50).utf8)
                    let socket = try RawSocket(port: server.port)
                    let request = RawSocket.request("POST", SyncWire.eventsPath, body: body, key: key, port: server.port, replica: replica)
                    try socket.send(Array(request.dropLast(body.count / 2)))
                    while Date() < deadline {
                        if try await socket.hasAnswer(within: 1) { break }
                        if try await probe(prober).status == status { return socket }
                    }
                    socket.close()
                    #expect(Date() < deadline, "the holder never got in")
                    if Date() >= deadline { return socket }
                }
            }

            let alice = try await holder(p.alice, until: p.alice, answers: 429)
            expectRefusal(try await probe(p.alice), 429, "too_many_requests")
            let read = try await probe(p.bob)
            #expect(read.status == 200, "another key is served: \(read)")

            let bob = try await holder(p.bob, until: p.lead, answers: 503)
            expectRefusal(try await probe(p.lead), 503, "busy")
            // A client told the server is busy waits and tries again.
            let patient = Task {
                try await SyncClient(base: url, key: p.lead, replica: replica).sync(SyncRequest(project: p.project, have: [:], maxBytes: 999))
            }
            try await Task.sleep(nanoseconds: 1_500_000_000)
            alice.close()
            bob.close()
            #expect(try await patient.value.events.count > 0)
            #expect(try await probe(p.alice).status == 200, "a closed request gives its budget back")
        }
    }

    /// The budget's own bookkeeping, exactly.
    @Test func theBudgetCountsPerKeyAndInTotal() async throws {
        let budget = RequestBudget(total: 3, perKey: 2)
        try await budget.acquire("a")
        try await budget.acquire("a")
        await #expect(throws: SyncError.self) { try await budget.acquire("a") }
        try await budget.acquire("b")
        do {
            try await budget.acquire("c")
            Issue.record("over the total")
        } catch { #expect(error.error.code == "busy" && error.status == .serviceUnavailable && error.retryAfter == 1) }
        await budget.release("a")
        try await budget.acquire("c")
        do {
            try await budget.acquire("b")
            Issue.record("over the total")
        } catch { #expect(error.error.code == "busy") }
        await budget.release("a")
        await budget.release("b")
        await budget.release("c")
        for _ in 0..<2 { try await budget.acquire("a") }
        do {
            try await budget.acquire("a")
            Issue.record("over the key's budget")
        } catch { #expect(error.error.code == "too_many_requests" && error.status == .tooManyRequests) }
    }

    @Test func aPushOverTheByteCapIsRefused() async throws {
        let p = try TestProject()
        var limits = ServerLimits()
        limits.maxPushBytes = 10_000
        try await withServer(p.store, limits: limits) { server in
            let line = Array(String(repeating: "x", count: 99).utf8) + [UInt8(ascii: "\n")]
            let atCap = Array(Array(repeating: line, count: 100).joined())
            #expect(atCap.count == 10_000)
            let r = try await RawHTTP.signed(server.url, "POST", SyncWire.eventsPath, body: atCap, key: p.alice)
            #expect(r.status == 200, "\(r)")
            expectRefusal(try await RawHTTP.signed(server.url, "POST", SyncWire.eventsPath, body: atCap + [UInt8(ascii: "x")], key: p.alice),
                          413, "too_large")
        }
    }
}
