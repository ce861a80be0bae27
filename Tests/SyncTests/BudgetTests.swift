import AccordTesting
import Foundation
import Testing
@testable import Store
@testable import Sync

/// Issue 10, "budgets, not luck": requests at once per key and in total,
/// and body sizes, each capped; a client told to retry does.
@Suite struct BudgetTests {
    /// Pushes that wait for the write lock hold their budget; one more by
    /// the same key is told to retry (429), one over the total too (503),
    /// while other keys are served.
    @Test func requestsOverTheBudgetsAreToldToRetry() async throws {
        let p = try TestProject()
        var limits = ServerLimits()
        limits.maxRequestsPerKey = 1
        limits.maxRequests = 2
        try await withServer(p.store, limits: limits) { server in
            let url = server.url, replica = server.replica
            // A session of its own: no request here queues behind another test's for a connection.
            let session = RawHTTP.separateSession()
            func push(_ key: SigningKey, _ n: Int) async throws -> RawResponse {
                try await RawHTTP.signed(url, "POST", SyncWire.eventsPath, body: Array("[\(n)]\n".utf8), key: key, replica: replica,
                                         session: session)
            }
            let lock = try WriteLockHolder(p.store)
            let alicePush = Task { try await push(p.alice, 1) }
            try await Task.sleep(nanoseconds: 1_500_000_000)
            expectRefusal(try await push(p.alice, 2), 429, "too_many_requests")
            let read = try await RawHTTP.signed(url, "POST", SyncWire.syncPath, body: syncBody(project: p.project, maxBytes: 1234),
                                                key: p.bob, replica: replica, session: session)
            #expect(read.status == 200, "another key is served: \(read)")

            let bobPush = Task { try await push(p.bob, 3) }
            try await Task.sleep(nanoseconds: 1_500_000_000)
            expectRefusal(try await RawHTTP.signed(url, "POST", SyncWire.syncPath, body: syncBody(project: p.project, maxBytes: 4321),
                                                   key: p.lead, replica: replica, session: session), 503, "busy")
            // A client told the server is busy waits and tries again.
            let patient = Task {
                try await SyncClient(base: url, key: p.lead, replica: replica).sync(SyncRequest(project: p.project, have: [:], maxBytes: 999))
            }
            try await Task.sleep(nanoseconds: 1_500_000_000)
            lock.release()
            #expect(try await alicePush.value.status == 200)
            #expect(try await bobPush.value.status == 200)
            #expect(try await patient.value.events.count > 0)
        }
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
