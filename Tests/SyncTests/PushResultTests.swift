import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// `POST /v2/events`: each line judged on its own (events/README.md §11),
/// valid ones kept beside rejected ones, and the whole push idempotent.
@Suite struct PushResultTests {
    @Test func aMixedPushKeepsTheValidAndRejectsEachBadOneWithItsCode() async throws {
        let p = try TestProject()
        let carol = SigningKey(seed: "sync-push-carol")
        try p.replica.addMember(name: "carol", key: carol.publicHex, role: .coder, by: p.lead)
        let length = Int64(TestProject.text.unicodeScalars.count)

        // Valid events, made the ordinary way on a replica holding what the server holds.
        let r = try temporaryStore()
        #expect(try r.receive(try p.store.allEventBytes()).allSatisfy { $0 == .accepted })
        let v1 = try Replica(store: r).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
        let v2 = try Replica(store: r).apply(code: "values/honesty", document: "northwind", at: .span(10, 20), by: p.alice)
        let v3 = try Replica(store: r).apply(code: "values/honesty", document: "northwind", at: .span(3, 9), by: p.bob)

        // Bad ones, crafted against the server's state (carol at seq 1 unless the fault needs otherwise).
        func coding(code: String? = nil, document: String? = nil, start: Int64 = 0, end: Int64 = 5) -> JSONValue {
            ["document": .string(document ?? p.document), "code": .string(code ?? p.helpfulness), "start": .int(start), "end": .int(end)]
        }
        let held = try p.store.allEventBytes()[3]
        let canonical = try p.craft(.segmentCoded, coding(), by: carol).bytes
        let notCanonical = Array("{ ".utf8) + canonical.dropFirst()
        let badID = try tampered(try p.craft(.segmentCoded, coding(), by: carol).bytes) { $0["body"] = coding(start: 1) }
        let unsigned = try p.craft(.segmentCoded, coding(end: 7), by: carol)
        let badSignature = try tampered(unsigned.bytes) { $0["sig"] = .string(p.bob.sign(Hex.decode(unsigned.id)!)) }
        let missingPrev = try p.craft(.segmentCoded, coding(), by: carol, seq: 2, prev: .some(phantomID("prev"))).bytes
        let missingDep = try p.craft(.segmentCoded, coding(), by: carol, deps: [phantomID("dep")]).bytes
        let notMember = try p.craft(.segmentCoded, coding(), by: p.stranger).bytes
        let forbidden = try p.craft(.codeDefined, ["name": "carols", "parent": nil, "description": "", "color": nil, "exclusive": false],
                                    by: carol).bytes
        let unknownCode = try p.craft(.segmentCoded, coding(code: phantomID("code")), by: carol).bytes
        let unknownDocument = try p.craft(.segmentCoded, coding(document: phantomID("doc")), by: carol).bytes
        let outOfRange = try p.craft(.segmentCoded, coding(start: length - 2, end: length + 5), by: carol).bytes
        let future = try p.craft(.segmentCoded, coding(), by: carol, time: Store.nowMicros() + 3 * 3_600 * 1_000_000).bytes
        let notJSON = Array("this is not an event".utf8)

        let lines: [(bytes: [UInt8], expected: String)] = [
            (v1.bytes, "accepted"),
            (held, "duplicate"),
            (notCanonical, "rejected not_canonical"),
            (v2.bytes, "accepted"),
            (badID, "rejected bad_id"),
            (badSignature, "rejected bad_signature"),
            (missingPrev, "rejected missing_prev"),
            (v3.bytes, "accepted"),
            (missingDep, "rejected missing_dep"),
            (notMember, "rejected not_member"),
            (forbidden, "rejected forbidden"),
            (unknownCode, "rejected unknown_code"),
            (unknownDocument, "rejected unknown_document"),
            (outOfRange, "rejected span_out_of_range"),
            (future, "rejected future_time"),
            (notJSON, "rejected malformed"),
        ]
        let body = JSONLines.join(lines.map(\.bytes))
        let before = try ReplicaState(p.store)

        try await withServer(p.store) { server in
            let t0 = Int64(Date().timeIntervalSince1970)
            let first = try await RawHTTP.signed(server.url, "POST", "/v2/events", body: body, key: p.alice, timestamp: t0)
            #expect(first.status == 200, "\(first)")
            let results = try pushResults(first)
            #expect(results.map(\.line) == Array(1...lines.count), "one result per line, numbered from 1")
            for (i, (result, line)) in zip(results, lines).enumerated() {
                #expect(result.status == line.expected, "line \(i + 1)")
                if case .rejected(let e) = result.outcome { #expect(!e.message.isEmpty, "line \(i + 1) says why") }
            }
            #expect(results[0].id == v1.id && results[3].id == v2.id && results[7].id == v3.id)
            #expect(results[15].id == nil, "an unreadable line has no id")

            for event in [v1, v2, v3] { #expect(try p.store.holds(event.id)) }
            let facts = try p.store.logFacts()
            #expect(facts.events == before.events + 3, "exactly the three valid events were stored")
            #expect(facts.isSound)
            #expect(try p.store.forkedPositions().isEmpty)
            let after = try ReplicaState(p.store)
            #expect(after == (try ReplicaState(r)), "the server now holds what the replica holds")

            // The same body again (signed anew): valid lines are duplicates, bad ones
            // are rejected with the same codes, nothing changes.
            let second = try await RawHTTP.signed(server.url, "POST", "/v2/events", body: body, key: p.alice,
                                                  timestamp: t0 - 1)
            let again = try pushResults(second)
            let expectedAgain = lines.map { $0.expected == "accepted" ? "duplicate" : $0.expected }
            #expect(again.map(\.status) == expectedAgain)
            #expect(try ReplicaState(p.store) == after)
        }
    }

    /// Lines in one push see each other: a chain pushed in order is accepted
    /// whole; a line whose prev was rejected earlier in the push is rejected too.
    @Test func linesOfOnePushBuildOnEachOther() async throws {
        let p = try TestProject()
        let r = try temporaryStore()
        _ = try r.receive(try p.store.allEventBytes())
        let chain = try (0..<5).map { i in
            try Replica(store: r).apply(code: "values/helpfulness", document: "northwind", at: .span(i, i + 3), by: p.alice)
        }
        // Break the second link; the rest of the chain cannot follow it.
        let broken = try tampered(chain[1].bytes) { $0["sig"] = .string(p.bob.sign(Hex.decode(chain[1].id)!)) }
        try await withServer(p.store) { server in
            let r1 = try await RawHTTP.signed(server.url, "POST", "/v2/events",
                                              body: JSONLines.join([chain[0].bytes, broken] + chain[2...].map(\.bytes)), key: p.alice)
            let first = try pushResults(r1).map(\.status)
            #expect(first == ["accepted", "rejected bad_signature", "rejected missing_prev", "rejected missing_prev", "rejected missing_prev"],
                    "got \(first)")
            // Whatever was stored carries a signature that verifies: no event is kept with a sig nobody made.
            try expectEverySignatureVerifies(p.store)
            #expect(try !p.store.holds(chain[1].id) || p.store.allEventBytes().contains(chain[1].bytes),
                    "the server holds chain[1] with a signature alice never made")
            let r2 = try await RawHTTP.signed(server.url, "POST", "/v2/events", body: JSONLines.join(chain.map(\.bytes)), key: p.alice)
            let second = try pushResults(r2).map(\.status)
            #expect(second == ["duplicate", "accepted", "accepted", "accepted", "accepted"], "got \(second)")
            #expect(try ReplicaState(p.store) == (try ReplicaState(r)))

            // One event twice in one push: the second is a duplicate of the first.
            let extra = try Replica(store: r).apply(code: "values/honesty", document: "northwind", at: .span(30, 40), by: p.bob)
            let r3 = try await RawHTTP.signed(server.url, "POST", "/v2/events", body: JSONLines.join([extra.bytes, extra.bytes]), key: p.bob)
            #expect(try pushResults(r3).map(\.status) == ["accepted", "duplicate"])
            try expectSoundLog(p.store)
        }
    }

    /// An event whose `sig` was altered, inside a run of its author's chain
    /// whose last event is genuine: if a server kept it, a replica that later
    /// receives it alone (one event per page) refuses it and everything after
    /// it, so the replicas never converge. Every event must be judged the same
    /// way wherever it sits in a batch.
    @Test func aForgedSignatureInsideARunDoesNotSpread() async throws {
        let p = try TestProject()
        let r = try temporaryStore()
        _ = try r.receive(try p.store.allEventBytes())
        let chain = try (0..<4).map { i in
            try Replica(store: r).apply(code: "values/honesty", document: "northwind", at: .span(i, i + 2), by: p.bob)
        }
        let forged = try tampered(chain[1].bytes) { $0["sig"] = .string(p.alice.sign(Hex.decode(chain[1].id)!)) }
        try await withServer(p.store) { server in
            _ = try await SyncClient(base: server.url, key: p.bob).push([chain[0].bytes, forged, chain[2].bytes, chain[3].bytes])
            try expectEverySignatureVerifies(p.store)

            let third = try temporaryStore()
            var replicator = Replicator(store: third, client: SyncClient(base: server.url, key: p.alice))
            replicator.pageBytes = 1
            let summary = try await replicator.run()
            #expect(summary.pullRejected.isEmpty, "a replica pulling one event at a time refused \(summary.pullRejected.map(\.code))")
            #expect(try ReplicaState(third) == (try ReplicaState(p.store)), "the third replica converges with the server")
        }
    }

    /// DESIGN §3: an event line is at most 32 MiB. A 32 MiB + 1 line in a push
    /// is rejected `oversize` and the valid line beside it is kept.
    @Test func anOversizeLineIsRejectedOverHTTP() async throws {
        let p = try TestProject()
        let valid = try p.craft(.segmentCoded, ["document": .string(p.document), "code": .string(p.honesty), "start": 1, "end": 4],
                                by: p.bob)
        let huge = oversizeLine(Event.maxBytes + 1)
        try await withServer(p.store) { server in
            let r = try await RawHTTP.signed(server.url, "POST", "/v2/events", body: JSONLines.join([huge, valid.bytes]), key: p.bob)
            #expect(r.status == 200, "\(r)")
            #expect(try pushResults(r).map(\.status) == ["rejected oversize", "accepted"])
            #expect(try p.store.holds(valid.id))
        }
    }

    /// The size rule's boundary, on the receiving store: exactly 32 MiB is
    /// judged on its content (here: malformed), one byte more is `oversize`.
    @Test func theSizeRuleBoundary() throws {
        let p = try TestProject()
        let atLimit = oversizeLine(Event.maxBytes)
        let over = oversizeLine(Event.maxBytes + 1)
        let outcomes = try p.store.receive([atLimit, over])
        #expect(outcomes.map { if case .rejected(let e) = $0 { e.code } else { "ok" } } == ["malformed", "oversize"])
    }

    /// A line of exactly `size` bytes: a JSON object that is no event.
    func oversizeLine(_ size: Int) -> [UInt8] {
        let prefix = Array(#"{"x":""#.utf8), suffix = Array(#""}"#.utf8)
        return prefix + [UInt8](repeating: UInt8(ascii: "a"), count: size - prefix.count - suffix.count) + suffix
    }
}
