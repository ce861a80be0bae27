import AccordTesting
import Foundation
import Testing
@testable import Store
@testable import Sync

/// Issue 10, rows 1–5, 12 and 13: a hub that strangers cannot crash,
/// starve or probe. Each test failed on the protocol-1 server.
@Suite struct HardeningTests {
    static let anySignature = String(repeating: "ab", count: 64)

    // MARK: Row 1 — no overflow anywhere in the header or the time check

    @Test func extremeTimestampsAreRefusedAndTheServerLives() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let key = p.alice.publicHex
            let cases: [(ts: String, code: String)] = [
                ("-9223372036854775808", "bad_authorization"),
                ("9223372036854775807", "stale_request"),
                ("9223372036854775808", "bad_authorization"),
                ("99999999999999999999999999", "bad_authorization"),
                ("-1", "bad_authorization"),
                ("+1767225600", "bad_authorization"),
                ("01767225600", "bad_authorization"),
                ("1.7e9", "bad_authorization"),
                ("", "bad_authorization"),
                ("0", "stale_request"),
            ]
            for (ts, code) in cases {
                for path in [SyncWire.syncPath, SyncWire.eventsPath] {
                    let header = "Accord key=\(key), ts=\(ts), sig=\(Self.anySignature)"
                    expectRefusal(try await RawHTTP.send(server.url, "POST", path, body: Array("{}".utf8), authorization: header), 401, code)
                }
            }
            let info = try await RawHTTP.send(server.url, "GET", SyncWire.infoPath, authorization: nil)
            #expect(info.status == 200, "the server still serves: \(info)")
        }
    }

    @Test func freshnessIsComputedWithoutOverflow() {
        let now: Int64 = 1_767_225_600
        for ts in [Int64.min, Int64.min + 1, -1, 0, now - 301, now + 301, Int64.max - 1, Int64.max] {
            #expect(!RequestSignature(key: "", timestamp: ts, signature: "").isFresh(now: now), "ts \(ts)")
        }
        for ts in [now - 300, now, now + 300] {
            #expect(RequestSignature(key: "", timestamp: ts, signature: "").isFresh(now: now), "ts \(ts)")
        }
        #expect(RequestSignature.parseTimestamp("9223372036854775807") == .max)
        #expect(RequestSignature.parseTimestamp("9223372036854775808") == nil)
        #expect(RequestSignature.parseTimestamp("0") == 0)
        #expect(RequestSignature.parseTimestamp("00") == nil)
    }

    // MARK: Row 2 — the header is authenticated before a body is read

    /// A refusal arrives though the announced body is never sent: the
    /// server judged the request on its headers alone (had it waited for the
    /// body, no answer would come). A stranger's body is never read,
    /// whatever it announces; a member's only up to the cap.
    @Test func noBodyIsReadBeforeTheHeaderIsAuthenticated() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let digest = ContentDigest.header(body: Array("a body that is never sent".utf8))
            func headOnly(_ path: String, _ authorization: String, length: Int) -> [UInt8] {
                Array(("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n"
                    + "Authorization: \(authorization)\r\n\(SyncWire.contentDigestHeader): \(digest)\r\n\r\n").utf8)
            }
            func signed(_ key: SigningKey, _ path: String) -> String {
                RequestSignature.sign(method: "POST", path: path, replica: server.replica,
                                      bodyDigest: ContentDigest.parse(digest)!, key: key).header
            }
            // Announced sizes within the member caps, but for the last (a member's, over the push cap).
            let limits = ServerLimits()
            let cases: [(String, String, Int, Int, String)] = [
                (signed(p.stranger, SyncWire.eventsPath), SyncWire.eventsPath, 60 << 20, 401, "unknown_key"),
                (signed(p.stranger, SyncWire.syncPath), SyncWire.syncPath, limits.maxSyncRequestBytes, 401, "unknown_key"),
                ("Accord key=\(p.alice.publicHex), ts=\(Int64(Date().timeIntervalSince1970)), sig=\(Self.anySignature)",
                 SyncWire.eventsPath, 60 << 20, 401, "bad_signature"),
                (signed(p.alice, SyncWire.eventsPath), SyncWire.eventsPath, limits.maxPushBytes + 1, 413, "too_large"),
            ]
            for (authorization, path, length, status, code) in cases {
                let socket = try RawSocket(port: server.port, receiveTimeout: 60)
                try socket.send(headOnly(path, authorization, length: length))
                let answer = try await socket.receiveResponse()
                socket.close()
                let response = RawResponse(status: Int(answer.head.split(separator: " ")[1]) ?? 0, body: answer.body)
                expectRefusal(response, status, code)
            }
        }
    }

    // MARK: Row 3 — idle, half-sent and trickling requests cannot starve a sync

    @Test func idleAndHalfSentConnectionsAreClosedAndASyncStillSucceeds() async throws {
        let p = try TestProject()
        var limits = ServerLimits()
        limits.maxConnections = 32
        limits.idleTimeout = .seconds(1)
        limits.requestTimeout = .seconds(3)
        try await withServer(p.store, limits: limits) { server in
            var sockets: [RawSocket] = []
            // 40 that never finish their head, 40 that stop in the middle of a member's body.
            for i in 0..<80 {
                let socket = try RawSocket(port: server.port)
                if i % 2 == 0 {
                    try socket.send(Array("POST \(SyncWire.syncPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz".utf8))
                } else {
                    let body = syncBody(project: p.project, maxBytes: 1000 + i)
                    let request = RawSocket.request("POST", SyncWire.syncPath, body: body, key: p.alice, port: server.port,
                                                    replica: server.replica)
                    try socket.send(Array(request.dropLast(body.count / 2)))
                }
                sockets.append(socket)
            }
            // A legitimate sync still goes through (its connection waits its turn).
            let started = Date()
            let replica = try await replica(of: server, key: p.bob)
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
            #expect(Date().timeIntervalSince(started) < 90)
            // And every idle connection is closed by the server.
            var closed = 0
            for socket in sockets {
                if try await socket.closedByServer(within: 30) { closed += 1 }
                socket.close()
            }
            #expect(closed == sockets.count, "\(closed) of \(sockets.count) idle connections closed")
        }
    }

    /// A body that trickles in a byte at a time, never idle for long, is cut
    /// at the request timeout.
    @Test func aTricklingBodyIsCutAtTheRequestTimeout() async throws {
        let p = try TestProject()
        var limits = ServerLimits()
        limits.idleTimeout = .seconds(2)
        limits.requestTimeout = .seconds(3)
        try await withServer(p.store, limits: limits) { server in
            let body = syncBody(project: p.project, maxBytes: 777)
            let request = RawSocket.request("POST", SyncWire.syncPath, body: body, key: p.alice, port: server.port, replica: server.replica)
            let socket = try RawSocket(port: server.port)
            try socket.send(Array(request.dropLast(body.count)))
            let started = Date()
            var open = true
            for byte in body.prefix(40) {
                try? await Task.sleep(nanoseconds: 500_000_000)
                let sent = (try? socket.send([byte])) != nil
                let closed = try await socket.closedByServer(within: 0.01)
                if !sent || closed {
                    open = false
                    break
                }
            }
            if open { open = !(try await socket.closedByServer(within: 5)) }
            socket.close()
            #expect(!open, "a trickling body is cut")
            #expect(Date().timeIntervalSince(started) < 10)
        }
    }

    // MARK: Row 4 — a cap on lines per push; answers streamed

    @Test func aPushOverTheLineCapIsRefusedWhole() async throws {
        let p = try TestProject()
        var limits = ServerLimits()
        limits.maxPushLines = 100
        let before = try ReplicaState(p.store)
        try await withServer(p.store, limits: limits) { server in
            let over = Array(String(repeating: "1\n", count: 101).utf8)
            expectRefusal(try await RawHTTP.signed(server.url, "POST", SyncWire.eventsPath, body: over, key: p.alice), 413, "too_many_lines")
            let at = Array(String(repeating: "1\n", count: 100).utf8)
            let r = try await RawHTTP.signed(server.url, "POST", SyncWire.eventsPath, body: at, key: p.alice)
            #expect(r.status == 200)
            #expect(try pushResults(r).count == 100)
            #expect(try ReplicaState(p.store) == before)

            // A client splits what it pushes to fit the server's cap.
            let replica = try await replica(of: server, key: p.alice)
            var rng = SeededRandom(seed: 4)
            _ = try replica.append(codingActions(250, document: p.document, length: TestProject.text.unicodeScalars.count,
                                                 codes: [p.helpfulness], rng: &rng), by: p.alice)
            let summary = try await sync(replica, with: server.url, as: p.alice)
            #expect(summary.pushed == 250)
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
        }
    }

    /// Push results go out as they are written (chunked), not as one body built whole.
    @Test func pushResultsAreStreamed() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let body = Array(String(repeating: "1\n", count: 2000).utf8)
            let auth = RequestSignature.sign(method: "POST", path: SyncWire.eventsPath, replica: server.replica, body: body, key: p.alice).header
            let head = "POST \(SyncWire.eventsPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
                + "Authorization: \(auth)\r\n\(SyncWire.contentDigestHeader): \(ContentDigest.header(body: body))\r\n\r\n"
            let socket = try RawSocket(port: server.port)
            try socket.send(Array(head.utf8) + body)
            let answer = String(decoding: try await socket.receiveAll(), as: UTF8.self)
            socket.close()
            let headers = answer.components(separatedBy: "\r\n\r\n")[0].lowercased()
            #expect(headers.hasPrefix("http/1.1 200"), "\(headers)")
            #expect(headers.contains("transfer-encoding: chunked"), "\(headers)")
        }
    }

    // MARK: Row 5 — a signed request is accepted once, by one replica

    @Test func aRequestIsNotAcceptedTwiceEvenAfterARestart() async throws {
        let p = try TestProject()
        let body = syncBody(project: p.project, maxBytes: 4321)
        var header = ""
        try await withServer(p.store) { server in
            header = RequestSignature.sign(method: "POST", path: SyncWire.syncPath, replica: server.replica, body: body, key: p.alice).header
            let first = try await RawHTTP.send(server.url, "POST", SyncWire.syncPath, body: body, authorization: header)
            #expect(first.status == 200)
        }
        try await withServer(p.store) { server in
            expectRefusal(try await RawHTTP.send(server.url, "POST", SyncWire.syncPath, body: body, authorization: header), 401,
                          "replayed_request")
        }
    }

    @Test func aRequestForOneReplicaIsRefusedByAnother() async throws {
        let p = try TestProject()
        try await withServer(p.store) { origin in
            let copy = try await replica(of: origin, key: p.bob)
            try await withServer(copy) { other in
                #expect(origin.replica != other.replica)
                let body = syncBody(project: p.project, maxBytes: 5555)
                let header = RequestSignature.sign(method: "POST", path: SyncWire.syncPath, replica: origin.replica, body: body, key: p.alice).header
                expectRefusal(try await RawHTTP.send(other.url, "POST", SyncWire.syncPath, body: body, authorization: header), 401, "bad_signature")
                #expect(try await RawHTTP.send(origin.url, "POST", SyncWire.syncPath, body: body, authorization: header).status == 200)
            }
        }
    }

    // MARK: Row 12 — /v1/info costs no database work per request

    @Test func infoIsAnsweredFromMemory() async throws {
        let p = try TestProject()
        let counting = CountingService(try StoreSyncService(store: p.store))
        let server = try await TestServer.start(counting, store: p.store)
        let calls = await counting.infoCalls
        let session = RawHTTP.separateSession()
        let started = Date()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 {
                group.addTask { try await RawHTTP.send(server.url, "GET", SyncWire.infoPath, authorization: nil, session: session).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        let elapsed = Date().timeIntervalSince(started)
        let asked = await counting.infoCalls - calls
        await server.stop()
        #expect(asked <= 1 + Int(elapsed / 2), "40 info requests in \(elapsed) s asked the store \(asked) times")
    }

    // MARK: Row 13 — no membership oracle

    /// Whatever a key's standing — a member's, a former member's, a
    /// replaced key, a key the project never knew — a request it did not
    /// sign gets the same answer, byte for byte.
    @Test func anUnsignedProbeCannotTellMembersFromStrangers() async throws {
        let cast = try AuthRefusalTests.Cast()
        let p = cast.p
        try await withServer(p.store) { server in
            let keys = [p.alice, cast.removed, cast.replacedOld, p.stranger, SigningKey(seed: "never-seen")]
            let bodies: [(String, [UInt8])] = [
                (SyncWire.syncPath, syncBody(project: p.project)),
                (SyncWire.eventsPath, cast.pushBody),
                (SyncWire.eventsPath, [UInt8](repeating: UInt8(ascii: "x"), count: 2 << 20)),
            ]
            for (path, body) in bodies {
                var answers: [String] = []
                for key in keys {
                    // Signed by someone else: the signature does not verify for `key`.
                    let forged = RequestSignature(key: key.publicHex, timestamp: Int64(Date().timeIntervalSince1970),
                                                  signature: RequestSignature.sign(method: "POST", path: path, replica: server.replica,
                                                                                   body: body, key: p.bob).signature)
                    let r = try await RawHTTP.send(server.url, "POST", path, body: body, authorization: forged.header)
                    answers.append("\(r.status) \(String(decoding: r.body, as: UTF8.self))")
                }
                #expect(Set(answers).count == 1, "\(path), \(body.count) bytes: \(answers)")
                #expect(answers.first?.hasPrefix("401 ") == true)
            }
        }
    }
}

/// A `SyncService` that counts how often `info` is asked.
actor CountingService: SyncService {
    let inner: StoreSyncService
    var infoCalls = 0

    init(_ inner: StoreSyncService) { self.inner = inner }

    func info() async throws(AccordError) -> ServedProject {
        infoCalls += 1
        return try await inner.info()
    }
    func standing(ofKey key: String) async throws(AccordError) -> KeyStanding { try await inner.standing(ofKey: key) }
    func page(have: [String: Int64], maxBytes: Int) async throws(AccordError) -> SyncSnapshot { try await inner.page(have: have, maxBytes: maxBytes) }
    func receive(_ lines: [[UInt8]]) async throws(AccordError) -> [ReceivedLine] { try await inner.receive(lines) }
    func admit(signature: [UInt8], timestamp: Int64, now: Int64) async throws(AccordError) -> Bool {
        try await inner.admit(signature: signature, timestamp: timestamp, now: now)
    }
}
