import AccordTesting
import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import Testing
@testable import Store
@testable import Sync

/// Issue 12, the server part: nothing blocks Swift's cooperative pool;
/// authentication is middleware that puts the member in the request
/// context; refusals are typed errors.
@Suite struct ServerShapeTests {
    /// Pushes wait for SQLite's write lock (held here by another
    /// connection, as another accord process would) without holding a
    /// cooperative thread: `/v1/info` and a sync answer at once meanwhile.
    /// On the protocol-1 server the waiting pushes held both of a two-core
    /// machine's cooperative threads, and `/v1/info` waited until their
    /// 30-second busy timeout gave up.
    @Test func infoAndSyncAnswerWhilePushesWaitForTheWriteLock() async throws {
        let p = try TestProject()
        // Lines that are no events still take the write transaction to be
        // judged. More pushes than cores, from a session of their own, so
        // the probes below never queue behind them in the client.
        let count = min(12, ProcessInfo.processInfo.activeProcessorCount + 4)
        let pending = (0..<count).map { Array("[\($0)]".utf8) }
        let pushing = RawHTTP.separateSession()
        let keys = [p.alice, p.bob, p.lead]
        try await withServer(p.store) { server in
            // The same two requests unhindered first: on a loaded machine
            // they alone may take seconds, and the bounds below allow for it.
            let unhindered = Date()
            _ = try await RawHTTP.send(server.url, "GET", SyncWire.infoPath, authorization: nil)
            _ = try await RawHTTP.signed(server.url, "POST", SyncWire.syncPath, body: syncBody(project: p.project, maxBytes: 999),
                                         key: p.bob, replica: server.replica)
            let slack = 2 * Date().timeIntervalSince(unhindered)
            let lock = try WriteLockHolder(p.store)
            let pushes = Task {
                try await withThrowingTaskGroup(of: [String].self) { group in
                    for (i, line) in pending.enumerated() {
                        let key = keys[i % keys.count]
                        group.addTask {
                            let r = try await RawHTTP.signed(server.url, "POST", SyncWire.eventsPath, body: JSONLines.join([line]), key: key,
                                                             replica: server.replica, session: pushing)
                            return try pushResults(r).map(\.status)
                        }
                    }
                    var all: [String] = []
                    for try await statuses in group { all += statuses }
                    return all
                }
            }
            try await Task.sleep(nanoseconds: 1_000_000_000)

            let started = Date()
            let info = try await RawHTTP.send(server.url, "GET", SyncWire.infoPath, authorization: nil)
            let infoTime = Date().timeIntervalSince(started)
            let read = try await RawHTTP.signed(server.url, "POST", SyncWire.syncPath, body: syncBody(project: p.project, maxBytes: 999),
                                                key: p.bob, replica: server.replica)
            let readTime = Date().timeIntervalSince(started)
            lock.release()
            let statuses = try await pushes.value

            // The lock is released only after both answered: blocked on it,
            // they would have failed after SQLite's 30-second busy timeout.
            #expect(info.status == 200 && read.status == 200)
            #expect(infoTime < 25 + slack, "/v1/info took \(infoTime) s while pushes waited for the write lock")
            #expect(readTime < 28 + slack, "a sync took \(readTime) s while pushes waited for the write lock")
            #expect(statuses == Array(repeating: "rejected malformed", count: count), "\(statuses)")
        }
    }

    /// `Authentication` is a `RouterMiddleware` that authenticates a signed
    /// request and hands the route a `SyncRequestContext` naming the member.
    @Test func authenticationPutsTheMemberInTheContext() async throws {
        let p = try TestProject()
        let service = try StoreSyncService(store: p.store)
        let replica = try await p.store.replicaID()
        let router = Router(context: SyncRequestContext.self)
        router.add(middleware: RefusalMiddleware(logger: Logger(label: "test")))
        router.group("/whoami")
            .add(middleware: Authentication(access: .read, bodyLimit: 1024, service: service, identity: InfoCache(service: service),
                                            budget: RequestBudget(total: 4, perKey: 2)))
            .post { _, context in "\(try context.authenticated().name) \(try context.authenticated().role.rawValue)" }
        let app = Application(router: router)
        try await app.test(.router) { client in
            func signedHeaders(_ key: SigningKey, body: [UInt8]) -> HTTPFields {
                let header = RequestSignature.sign(method: "POST", path: "/whoami", replica: replica, body: body, key: key).header
                var fields: HTTPFields = [.authorization: header]
                fields[.init(SyncWire.contentDigestHeader)!] = ContentDigest.header(body: body)
                return fields
            }
            let body = Array("{}".utf8)
            try await client.execute(uri: "/whoami", method: .post, headers: signedHeaders(p.alice, body: body),
                                     body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "alice coder")
            }
            // A typed refusal: the status and the JSON error of events/README.md §14.
            try await client.execute(uri: "/whoami", method: .post, headers: signedHeaders(p.stranger, body: body),
                                     body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body) == #"{"error":"unknown_key","message":"this replica knows no member with this key"}"#)
            }
            try await client.execute(uri: "/whoami", method: .post, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains(#""error":"no_authorization""#))
            }
        }
    }
}
