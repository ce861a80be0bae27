import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// Malformed JSON, a wrong project or an over-long body: 400/413 with a JSON
/// error, nothing stored, and the server keeps serving.
@Suite struct MalformedRequestTests {
    @Test func badBodiesAreRefusedAndTheServerKeepsServing() async throws {
        let p = try TestProject()
        let before = try ReplicaState(p.store)
        try await withServer(p.store) { server in
            let url = server.url
            func post(_ text: String) async throws -> RawResponse {
                try await RawHTTP.signed(url, "POST", "/v2/sync", body: Array(text.utf8), key: p.alice)
            }
            let project = p.project
            let alice = p.alice.publicHex
            let malformed = [
                "not json",
                "",
                "{",
                "[]",
                #"{"project":"\#(project)"}"#,                                              // no have, no max_bytes
                #"{"project":"\#(project)","have":{},"max_bytes":0}"#,                      // max_bytes must be > 0
                #"{"project":"\#(project)","have":{},"max_bytes":-5}"#,
                #"{"project":"\#(project)","have":{},"max_bytes":"lots"}"#,
                #"{"project":"\#(project)","have":{"zz":1},"max_bytes":100}"#,              // not an author key
                #"{"project":"\#(project)","have":{"\#(alice)":-1},"max_bytes":100}"#,      // negative seq
                #"{"project":"\#(project)","have":{"\#(alice)":"one"},"max_bytes":100}"#,
                #"{"project":"\#(project)","have":[],"max_bytes":100}"#,
                #"{"project":42,"have":{},"max_bytes":100}"#,
            ]
            for text in malformed {
                expectRefusal(try await post(text), 400, "bad_request")
            }

            // Another project: 400 wrong_project (events/README.md §14).
            expectRefusal(try await post(#"{"project":"\#(phantomID("other"))","have":{},"max_bytes":100}"#), 400, "wrong_project")

            // A body over the limit: 413 too_large.
            var big = syncBody(project: project)
            big.removeLast()
            big += Array(#","pad":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: ServerLimits().maxSyncRequestBytes) + Array(#""}"#.utf8)
            #expect(big.count > ServerLimits().maxSyncRequestBytes)
            expectRefusal(try await RawHTTP.signed(url, "POST", "/v2/sync", body: big, key: p.alice), 413, "too_large")
            // Exactly at the limit is read (and judged on its content).
            var atLimit = syncBody(project: project, maxBytes: 1000)
            atLimit.removeLast()
            atLimit += Array(#","pad":""#.utf8)
            atLimit += [UInt8](repeating: UInt8(ascii: "x"), count: ServerLimits().maxSyncRequestBytes - atLimit.count - 2) + Array(#""}"#.utf8)
            #expect(atLimit.count == ServerLimits().maxSyncRequestBytes)
            let r = try await RawHTTP.signed(url, "POST", "/v2/sync", body: atLimit, key: p.alice)
            #expect(r.status == 200, "a body of exactly maxRequestBytes is served: \(r)")

            // Pushes of lines that are no events: 200, each line rejected; an empty push: no results.
            let junk = try await RawHTTP.signed(url, "POST", "/v2/events", body: Array("{\n[1,2]\nnull\n\"x\"\n".utf8), key: p.alice)
            #expect(junk.status == 200, "\(junk)")
            #expect(try pushResults(junk).map(\.status) == Array(repeating: "rejected malformed", count: 4))
            let empty = try await RawHTTP.signed(url, "POST", "/v2/events", body: [], key: p.alice)
            #expect(empty.status == 200, "\(empty)")
            #expect(try pushResults(empty).isEmpty)

            // An unknown route is not a crash.
            let nowhere = try await RawHTTP.signed(url, "POST", "/v1/nowhere", body: [], key: p.alice)
            #expect(nowhere.status == 404, "\(nowhere)")

            #expect(try ReplicaState(p.store) == before, "nothing was stored")

            // Still serving: info, a proper sync, a proper push.
            let info = try await RawHTTP.send(url, "GET", "/v1/info", authorization: nil)
            #expect(info.status == 200 && info.json?["project"]?.stringValue == project)
            let replica = try await replica(of: url, key: p.bob)
            #expect(try ReplicaState(replica) == before)
            try Replica(store: replica).apply(code: "values/honesty", document: "northwind", at: .span(2, 8), by: p.bob)
            let pushed = try await sync(replica, with: url, as: p.bob)
            #expect(pushed.pushed == 1)
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
        }
    }
}
