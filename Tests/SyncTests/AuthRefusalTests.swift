import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// DESIGN §7: every request but `/v1/info` is signed (protocol 2: for one replica); a refused request gets
/// 401 or 403 with `{"error": code, "message": text}`, and nothing is stored.
@Suite struct AuthRefusalTests {
    /// A project with one member of every standing the server must judge.
    struct Cast {
        let p: TestProject
        let auditor = SigningKey(seed: "sync-auth-auditor")
        let mirror = SigningKey(seed: "sync-auth-mirror")
        let removed = SigningKey(seed: "sync-auth-removed")
        let replacedOld = SigningKey(seed: "sync-auth-dora-old")
        let replacedNew = SigningKey(seed: "sync-auth-dora-new")
        /// A valid alice coding the server does not hold yet.
        let pending: CraftedEvent

        init() throws {
            p = try TestProject()
            try p.replica.addMember(name: "audrey", key: auditor.publicHex, role: .auditor, by: p.lead)
            try p.replica.addMember(name: "hub", key: mirror.publicHex, role: .mirror, by: p.lead)
            try p.replica.addMember(name: "remy", key: removed.publicHex, role: .coder, by: p.lead)
            try p.replica.removeMember("remy", by: p.lead)
            try p.replica.addMember(name: "dora", key: replacedOld.publicHex, role: .coder, by: p.lead)
            // dora authors with her first key, then the lead replaces it.
            try p.replica.apply(code: "values/honesty", document: "northwind", at: .span(0, 4), by: replacedOld)
            try p.replica.changeMember("dora", newName: nil, role: nil, keys: [replacedNew.publicHex], by: p.lead)
            pending = try p.craft(.segmentCoded, ["document": .string(p.document), "code": .string(p.helpfulness),
                                                  "start": 0, "end": 5], by: p.alice)
        }

        var pushBody: [UInt8] { JSONLines.join([pending.bytes]) }
    }

    @Test func everyRefusalHasItsStatusAndCodeAndStoresNothing() async throws {
        let cast = try Cast()
        let p = cast.p
        let before = try ReplicaState(p.store)
        try await withServer(p.store) { server in
            let url = server.url
            let read = syncBody(project: p.project)
            let push = cast.pushBody
            let now = Int64(Date().timeIntervalSince1970)

            // /v1/info needs no signature.
            let info = try await RawHTTP.send(url, "GET", "/v1/info", authorization: nil)
            #expect(info.status == 200)
            #expect(info.json?["project"]?.stringValue == p.project)
            #expect(info.json?["protocol"]?.intValue == 2)
            #expect(info.json?["replica"]?.stringValue == server.replica)

            // No Authorization header.
            for (path, body) in [("/v2/sync", read), ("/v2/events", push)] {
                expectRefusal(try await RawHTTP.send(url, "POST", path, body: body, authorization: nil), 401, "no_authorization")
            }

            // Malformed headers.
            let good = RequestSignature.sign(method: "POST", path: "/v2/sync", replica: server.replica, body: read, key: p.alice)
            let malformed = [
                "Bearer abc",
                "",
                "Accord",
                "Accord key=\(good.key), ts=\(good.timestamp)",                                     // no sig
                "Accord key=\(good.key), ts=\(good.timestamp), sig=\(good.signature), sig=\(good.signature)",  // repeated field
                "Accord key=\(good.key.uppercased()), ts=\(good.timestamp), sig=\(good.signature)", // uppercase hex
                "Accord key=\(good.key.prefix(40)), ts=\(good.timestamp), sig=\(good.signature)",   // short key
                "Accord key=\(good.key), ts=soon, sig=\(good.signature)",                           // ts not a number
                "Accord key=\(good.key), ts=\(good.timestamp), sig=\(good.signature.prefix(64))",   // short sig
                "accord key=\(good.key), ts=\(good.timestamp), sig=\(good.signature)",              // scheme is `Accord`
            ]
            for header in malformed {
                let r = try await RawHTTP.send(url, "POST", "/v2/sync", body: read, authorization: header)
                // An empty header may not survive the HTTP client: either code is right then.
                let code = header.isEmpty && r.errorCode == "no_authorization" ? "no_authorization" : "bad_authorization"
                expectRefusal(r, 401, code)
            }

            // An unknown key, correctly signed.
            expectRefusal(try await RawHTTP.signed(url, "POST", "/v2/sync", body: read, key: p.stranger), 401, "unknown_key")
            expectRefusal(try await RawHTTP.signed(url, "POST", "/v2/events", body: push, key: p.stranger), 401, "unknown_key")

            // Bad signatures: signed for another path, another body, another method, by another key.
            func header(_ method: String, _ path: String, _ body: [UInt8], _ key: SigningKey, ts: Int64 = now) -> String {
                RequestSignature.sign(method: method, path: path, replica: server.replica, body: body, key: key, timestamp: ts).header
            }
            let wrongPath = header("POST", "/v2/events", read, p.alice)
            expectRefusal(try await RawHTTP.send(url, "POST", "/v2/sync", body: read, authorization: wrongPath), 401, "bad_signature")
            let wrongBody = header("POST", "/v2/events", Array("{}".utf8), p.alice)
            expectRefusal(try await RawHTTP.send(url, "POST", "/v2/events", body: push, authorization: wrongBody), 401, "bad_signature")
            let wrongMethod = header("GET", "/v2/sync", read, p.alice)
            expectRefusal(try await RawHTTP.send(url, "POST", "/v2/sync", body: read, authorization: wrongMethod), 401, "bad_signature")
            let bobs = RequestSignature.sign(method: "POST", path: "/v2/events", replica: server.replica, body: push, key: p.bob, timestamp: now)
            let forged = RequestSignature(key: p.alice.publicHex, timestamp: now, signature: bobs.signature).header
            expectRefusal(try await RawHTTP.send(url, "POST", "/v2/events", body: push, authorization: forged), 401, "bad_signature")
            // The signature covers ts: the same sig under another ts fails.
            let shifted = RequestSignature(key: p.alice.publicHex, timestamp: now - 1,
                                           signature: RequestSignature.sign(method: "POST", path: "/v2/sync", replica: server.replica, body: read, key: p.alice,
                                                                            timestamp: now).signature).header
            expectRefusal(try await RawHTTP.send(url, "POST", "/v2/sync", body: read, authorization: shifted), 401, "bad_signature")

            // Stale: more than 5 minutes either way.
            // (The clock is read afresh for each request: on a loaded machine
            // seconds pass between two, and a time just ahead would drift into the window.)
            for offset: Int64? in [-330, 330, -3600, nil] {
                let ts = offset.map { Int64(Date().timeIntervalSince1970) + $0 } ?? 0
                expectRefusal(try await RawHTTP.signed(url, "POST", "/v2/events", body: push, key: p.alice, timestamp: ts), 401,
                              "stale_request")
            }

            // A removed member may neither read nor push.
            expectRefusal(try await RawHTTP.signed(url, "POST", "/v2/sync", body: read, key: cast.removed), 403, "not_member")
            expectRefusal(try await RawHTTP.signed(url, "POST", "/v2/events", body: push, key: cast.removed), 403, "not_member")

            // An auditor reads but does not push.
            let auditorRead = try await RawHTTP.signed(url, "POST", "/v2/sync", body: read, key: cast.auditor)
            #expect(auditorRead.status == 200, "an auditor reads: \(auditorRead)")
            expectRefusal(try await RawHTTP.signed(url, "POST", "/v2/events", body: push, key: cast.auditor), 403, "forbidden")

            let after = try ReplicaState(p.store)
            #expect(after == before, "refused requests stored nothing")
            #expect(try !p.store.holds(cast.pending.id))
            try expectSoundLog(p.store)
        }
    }

    /// The exact same signed request, sent twice: the second is a replay.
    @Test func aReplayedRequestIsRefused() async throws {
        let cast = try Cast()
        let p = cast.p
        try await withServer(p.store) { server in
            let read = syncBody(project: p.project)
            let header = RequestSignature.sign(method: "POST", path: "/v2/sync", replica: server.replica, body: read, key: p.alice).header
            let first = try await RawHTTP.send(server.url, "POST", "/v2/sync", body: read, authorization: header)
            #expect(first.status == 200, "\(first)")
            expectRefusal(try await RawHTTP.send(server.url, "POST", "/v2/sync", body: read, authorization: header), 401, "replayed_request")

            // A replayed push changes nothing, even after its events were accepted.
            let push = cast.pushBody
            let t0 = Int64(Date().timeIntervalSince1970)
            let pushHeader = RequestSignature.sign(method: "POST", path: "/v2/events", replica: server.replica, body: push, key: p.alice, timestamp: t0).header
            let accepted = try await RawHTTP.send(server.url, "POST", "/v2/events", body: push, authorization: pushHeader)
            #expect(try pushResults(accepted).map(\.status) == ["accepted"])
            let before = try ReplicaState(p.store)
            expectRefusal(try await RawHTTP.send(server.url, "POST", "/v2/events", body: push, authorization: pushHeader), 401,
                          "replayed_request")
            #expect(try ReplicaState(p.store) == before)

            // Signed anew (another ts), the same body is fine: the push is idempotent.
            let again = try await RawHTTP.signed(server.url, "POST", "/v2/events", body: push, key: p.alice,
                                                 timestamp: t0 - 1)
            #expect(try pushResults(again).map(\.status) == ["duplicate"])
            #expect(try ReplicaState(p.store) == before)
        }
    }

    /// Another store with the same key (a second clone; the clock file is
    /// per store) already sent this very body at this second and the next
    /// two: the client is refused as a replay three times and stamps each
    /// try a second later, until a signature is new.
    @Test func aClientSignsAgainPastRequestsItDidNotMake() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let request = SyncRequest(project: p.project, have: [:], maxBytes: 4242)
            let now = Int64(Date().timeIntervalSince1970)
            for ts in now...now + 2 {
                let other = try await RawHTTP.signed(server.url, "POST", SyncWire.syncPath, body: request.body, key: p.alice,
                                                     timestamp: ts, replica: server.replica)
                #expect(other.status == 200, "\(other)")
            }
            let client = SyncClient(base: server.url, key: p.alice, replica: server.replica)
            let answer = try await client.sync(request)
            #expect(answer.events.count > 0)
        }
    }

    /// A timestamp inside the window is accepted either way; the path signed
    /// is the path without its query string (events/README.md §14).
    @Test func theWindowAndThePathAreAsSpecified() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let read = syncBody(project: p.project)
            // Four minutes either side: well inside the five-minute window,
            // with a minute to spare for a slow machine between signing and
            // the server reading its clock.
            for offset: Int64 in [-240, 240] {
                let ts = Int64(Date().timeIntervalSince1970) + offset
                let r = try await RawHTTP.signed(server.url, "POST", "/v2/sync", body: read, key: p.bob, timestamp: ts)
                #expect(r.status == 200, "ts \(offset) s from now: \(r)")
            }
            let header = RequestSignature.sign(method: "POST", path: "/v2/sync", replica: server.replica, body: read, key: p.bob).header
            let withQuery = try await RawHTTP.send(server.url, "POST", "/v2/sync?page=1", body: read, authorization: header)
            #expect(withQuery.status == 200, "the query string is not signed: \(withQuery)")
        }
    }

    /// A key that was a member's and was replaced is "no longer a member"
    /// (DESIGN §7: 403), whatever it signs.
    @Test func aReplacedKeyIsNoLongerAMember() async throws {
        let cast = try Cast()
        let p = cast.p
        let before = try ReplicaState(p.store)
        try await withServer(p.store) { server in
            let read = syncBody(project: p.project)
            expectRefusal(try await RawHTTP.signed(server.url, "POST", "/v2/sync", body: read, key: cast.replacedOld), 403, "not_member")
            expectRefusal(try await RawHTTP.signed(server.url, "POST", "/v2/events", body: cast.pushBody, key: cast.replacedOld), 403,
                          "not_member")
            // Her new key reads.
            let fresh = try await RawHTTP.signed(server.url, "POST", "/v2/sync", body: read, key: cast.replacedNew)
            #expect(fresh.status == 200, "\(fresh)")
        }
        #expect(try ReplicaState(p.store) == before)
    }

    /// A mirror relays other members' events but authors none: its push is
    /// accepted as a request, each event judged by its own author.
    @Test func aMirrorRelaysButAuthorsNothing() async throws {
        let cast = try Cast()
        let p = cast.p
        let own = try p.craft(.memoAdded, ["text": "a hub's note"], by: cast.mirror)
        try await withServer(p.store) { server in
            let body = JSONLines.join([cast.pending.bytes, own.bytes])
            let r = try await RawHTTP.signed(server.url, "POST", "/v2/events", body: body, key: cast.mirror)
            #expect(r.status == 200, "\(r)")
            #expect(try pushResults(r).map(\.status) == ["accepted", "rejected forbidden"])
            #expect(try p.store.holds(cast.pending.id))
            #expect(try !p.store.holds(own.id))
        }
    }
}
