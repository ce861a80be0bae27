import Foundation
import Testing
import Project
@testable import Store
import AccordTesting

/// Every validity rule of DESIGN §3 refuses with its own code and leaves the
/// store exactly as it was.
@Suite struct ValidationTests {
    /// Receives `bytes` and expects rejection with `code`, nothing changed.
    func expectRejected(_ p: TestProject, _ bytes: [UInt8], _ code: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try p.digest(), count = try p.eventCount()
        let outcome = try p.receive(bytes)
        guard case .rejected(let error) = outcome else {
            Issue.record("expected rejection \(code), got \(outcome)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        #expect(try p.digest() == before, sourceLocation: sourceLocation)
        #expect(try p.eventCount() == count, sourceLocation: sourceLocation)
    }

    func coding(_ p: TestProject, start: Int64 = 0, end: Int64 = 6, code: String? = nil, document: String? = nil) -> JSONValue {
        ["document": .string(document ?? p.document), "code": .string(code ?? p.helpfulness), "start": .int(start), "end": .int(end)]
    }

    @Test func acceptsAValidEventAndIgnoresADuplicate() throws {
        let p = try TestProject()
        let event = try p.craft(.segmentCoded, coding(p), by: p.alice)
        #expect(try p.receive(event.bytes) == .accepted)
        #expect(try p.receive(event.bytes) == .duplicate)
    }

    @Test func refusesBytesThatAreNotCanonical() throws {
        let p = try TestProject()
        let event = try p.craft(.segmentCoded, coding(p), by: p.alice)
        let spaced = Array(event.text.replacingOccurrences(of: ",\"seq\"", with: ", \"seq\"").utf8)
        try expectRejected(p, spaced, "not_canonical")
        let escaped = Array(event.text.replacingOccurrences(of: "segment.coded", with: "segment\\u002ecoded").utf8)
        try expectRejected(p, escaped, "not_canonical")
    }

    @Test func refusesMalformedEvents() throws {
        let p = try TestProject()
        try expectRejected(p, Array("not json".utf8), "malformed")
        try expectRejected(p, Array(#"{"a":1,"a":1}"#.utf8), "malformed")
        let event = try p.craft(.segmentCoded, coding(p), by: p.alice)
        var fields = try JSONParser.parse(event.bytes).objectValue!
        fields["extra"] = 1
        try expectRejected(p, CanonicalJSON.encode(.object(fields)), "malformed")
        fields.removeValue(forKey: "extra")
        fields["time"] = .double(1.5)
        try expectRejected(p, CanonicalJSON.encode(.object(fields)), "malformed")
    }

    @Test func refusesAWrongIdAndABadSignature() throws {
        let p = try TestProject()
        let event = try p.craft(.segmentCoded, coding(p), by: p.alice)
        var fields = try JSONParser.parse(event.bytes).objectValue!
        fields["id"] = .string(String(repeating: "a", count: 64))
        try expectRejected(p, CanonicalJSON.encode(.object(fields)), "bad_id")
        fields["id"] = .string(event.id)
        fields["sig"] = .string(p.bob.sign(Hex.decode(event.id)!))
        try expectRejected(p, CanonicalJSON.encode(.object(fields)), "bad_signature")
    }

    @Test func refusesMissingPrevOrDeps() throws {
        let p = try TestProject()
        let ghost = String(repeating: "b", count: 64)
        try expectRejected(p, try p.craft(.segmentCoded, coding(p), by: p.alice, seq: 2, prev: .some(ghost)).bytes, "missing_prev")
        try expectRejected(p, try p.craft(.segmentCoded, coding(p), by: p.alice, deps: [ghost]).bytes, "missing_dep")
    }

    @Test func refusesABrokenChain() throws {
        let p = try TestProject()
        // seq 1 with a prev, and seq 3 whose prev is seq 1.
        let first = try p.craft(.segmentCoded, coding(p), by: p.alice)
        #expect(try p.receive(first.bytes) == .accepted)
        try expectRejected(p, try p.craft(.segmentCoded, coding(p), by: p.alice, seq: 3).bytes, "bad_seq")
        try expectRejected(p, try p.craft(.segmentCoded, coding(p), by: p.alice, seq: 2, prev: .some(p.document)).bytes, "bad_seq")
    }

    @Test func refusesTimeBeforeParentsOrTooFarAhead() throws {
        let p = try TestProject()
        try expectRejected(p, try p.craft(.segmentCoded, coding(p), by: p.alice, time: 1).bytes, "bad_time")
        let future = Store.nowMicros() + 3 * 3_600 * 1_000_000
        try expectRejected(p, try p.craft(.segmentCoded, coding(p), by: p.alice, time: future).bytes, "future_time")
    }

    @Test func refusesStrangersAndForbiddenTypes() throws {
        let p = try TestProject()
        try expectRejected(p, try p.craft(.segmentCoded, coding(p), by: p.stranger).bytes, "not_member")
        let code: JSONValue = ["name": "sneaky", "parent": nil, "description": "", "color": nil, "exclusive": false]
        try expectRejected(p, try p.craft(.codeDefined, code, by: p.alice).bytes, "forbidden")
        let member: JSONValue = ["name": "eve", "role": "lead", "keys": [.string(p.stranger.publicHex)]]
        try expectRejected(p, try p.craft(.memberAdded, member, by: p.bob).bytes, "forbidden")
    }

    @Test func refusesRemovedMembers() throws {
        let p = try TestProject()
        try p.replica.removeMember("bob", by: p.lead)
        try expectRejected(p, try p.craft(.segmentCoded, coding(p), by: p.bob).bytes, "not_member")
    }

    @Test func refusesUnknownAndRetiredReferences() throws {
        let p = try TestProject()
        let ghost = String(repeating: "c", count: 64)
        try expectRejected(p, try p.craft(.segmentCoded, coding(p, code: ghost), by: p.alice).bytes, "unknown_code")
        try expectRejected(p, try p.craft(.segmentCoded, coding(p, document: ghost), by: p.alice).bytes, "unknown_document")
        try expectRejected(p, try p.craft(.segmentUncoded, ["coding": .string(ghost)], by: p.alice).bytes, "unknown_coding")
        try p.replica.retireCode("values/honesty", by: p.lead)
        try expectRejected(p, try p.craft(.segmentCoded, coding(p, code: p.honesty), by: p.alice).bytes, "retired_code")
    }

    @Test func refusesSpansOutsideTheDocumentOrEmpty() throws {
        let p = try TestProject()
        let length = Int64(TestProject.text.unicodeScalars.count)
        try expectRejected(p, try p.craft(.segmentCoded, coding(p, start: 3, end: length + 1), by: p.alice).bytes, "span_out_of_range")
        try expectRejected(p, try p.craft(.segmentCoded, coding(p, start: 5, end: 5), by: p.alice).bytes, "empty_span")
        #expect(try p.receive(try p.craft(.segmentCoded, coding(p, start: 0, end: length), by: p.alice).bytes) == .accepted)
    }

    @Test func refusesUnapplyingAnotherCodersCoding() throws {
        let p = try TestProject()
        let coding = try p.replica.apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
        try expectRejected(p, try p.craft(.segmentUncoded, ["coding": .string(coding.id)], by: p.bob).bytes, "not_own_coding")
        #expect(try p.receive(try p.craft(.segmentUncoded, ["coding": .string(coding.id)], by: p.lead).bytes) == .accepted)
    }

    @Test func refusesBadBodiesAndUnknownTypes() throws {
        let p = try TestProject()
        try expectRejected(p, try p.craft(.segmentCoded, ["document": .string(p.document)], by: p.alice).bytes, "bad_body")
        let decomposed = "cafe\u{301}"
        let doc: JSONValue = ["title": "x", "text": .string(decomposed), "sha256": .string(DocumentText.sha256(decomposed)),
                              "length": .int(Int64(decomposed.unicodeScalars.count)), "meta": [:]]
        try expectRejected(p, try p.craft(.documentAdded, doc, by: p.lead).bytes, "text_not_normalised")
        let event = try p.craft(.segmentCoded, coding(p), by: p.alice)
        var fields = try JSONParser.parse(event.bytes).objectValue!
        fields["type"] = "segment.painted"
        try expectRejected(p, CanonicalJSON.encode(.object(fields)), "unknown_type")
    }

    @Test func refusesEventsOfAnotherProject() throws {
        let p = try TestProject()
        let other = String(repeating: "d", count: 64)
        try expectRejected(p, try p.craft(.segmentCoded, coding(p), by: p.alice, project: .some(other)).bytes, "wrong_project")
    }

    @Test func refusesOversizeEvents() throws {
        let p = try TestProject()
        try expectRejected(p, [UInt8](repeating: 0x20, count: Event.maxBytes + 1), "oversize")
    }

    /// Two events one key signed at one seq are both kept: the fork is
    /// evidence, listed with both sides, and the author carries on from the
    /// tip every replica picks alike (events/README §11.3).
    @Test func keepsBothSidesOfAForkAndListsIt() throws {
        let p = try TestProject()
        let one = try p.craft(.segmentCoded, coding(p, start: 0, end: 3), by: p.alice)
        let two = try p.craft(.segmentCoded, coding(p, start: 0, end: 4), by: p.alice)
        #expect(one.seq == two.seq && one.id != two.id)
        #expect(try p.receive(one.bytes) == .accepted)
        #expect(try p.receive(two.bytes) == .accepted)
        let forks = try p.store.forks()
        #expect(forks == [Fork(author: p.alice.publicHex, seq: one.seq, ids: [one.id, two.id].sorted(), open: true)])
        let codings = try p.store.read { view in try view.codings(catalog: view.catalog(), authors: [p.alice.publicHex]) }
        #expect(Set(codings.map(\.id)) == [one.id, two.id], "both sides stand")
        // Her next event names both sides (prev and deps): the fork heals.
        let next = try p.replica.apply(code: "values/honesty", document: "northwind", at: .span(1, 3), by: p.alice)
        #expect(Set(next.parents).isSuperset(of: [one.id, two.id]))
        #expect(try p.store.forks().map(\.open) == [false])
    }

    /// Validity is judged on the causal past: a coder who coded offline
    /// before being removed keeps that work in the log, wherever it arrives;
    /// the removal, which did not see it, takes its effect away and says so.
    @Test func judgesRolesOnTheCausalPast() throws {
        let p = try TestProject()
        let offline = try p.craft(.segmentCoded, coding(p), by: p.bob)
        let removal = try p.replica.removeMember("bob", by: p.lead)
        #expect(try p.receive(offline.bytes) == .accepted)
        #expect(try p.store.voided().map(\.id) == [offline.id])
        #expect(try p.store.voided().first?.cause == removal.id)
    }
}
/// Every event's own signature is checked, however events are batched, so
/// that every replica reaches the same verdict.
@Suite struct BatchSignatureTests {
    func run(_ p: TestProject, count: Int) throws -> [Event] {
        let source = try temporaryStore()
        _ = try source.receive(try p.store.database.read { db in
            try Data.fetchAll(db, sql: "SELECT bytes FROM events ORDER BY rowid").map { [UInt8]($0) }
        })
        return try source.append((0..<count).map { i in
            try Action(.segmentCoded, ["document": .string(p.document), "code": .string(p.helpfulness), "start": .int(Int64(i)), "end": .int(Int64(i + 2))])
        }, by: p.alice)
    }

    func forged(_ event: Event, _ p: TestProject) -> [UInt8] {
        var fields = (try? JSONParser.parse(event.bytes))?.objectValue ?? [:]
        fields["sig"] = .string(p.bob.sign(Hex.decode(event.id)!))
        return CanonicalJSON.encode(.object(fields))
    }

    @Test func aForgedSignatureInsideARunIsRefusedAsItWouldBeAlone() throws {
        let p = try TestProject()
        let events = try run(p, count: 3)
        let outcomes = try p.store.receive([events[0].bytes, forged(events[1], p), events[2].bytes])
        #expect(outcomes[0] == .accepted)
        guard case .rejected(let forgedError) = outcomes[1], case .rejected(let nextError) = outcomes[2] else {
            Issue.record("a forged signature was accepted: \(outcomes)")
            return
        }
        #expect(forgedError.code == "bad_signature")
        #expect(nextError.code == "missing_prev")
        #expect(try p.store.verify().isClean)
    }
}
