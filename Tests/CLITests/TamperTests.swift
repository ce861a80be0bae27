import Foundation
import Store
import Testing

/// A store whose bytes were edited behind accord's back: `verify` names the
/// event and exits non-zero.
@Suite struct TamperTests {
    @Test func verifyNamesAnEditedDocumentEvent() throws {
        let p = try Project.make()
        p.must("verify")
        let target = try #require(try p.events().first { $0["type"] == "document.added" && $0["body"]?["title"] == "northwind" })
        let id = try #require(target["id"]?.stringValue)
        let changed = try sqlite(p.store, """
            UPDATE events SET bytes = CAST(replace(CAST(bytes AS TEXT), 'northwind', 'northwinD') AS BLOB)
            WHERE type = 'document.added' AND id = '\(id)';
            SELECT changes();
            """)
        try #require(changed == "1", "the edit should touch one row: \(changed)")
        let r = p.accord("verify")
        #expect(r.status != 0, "verify must fail on an edited store: \(r)")
        #expect(r.errorCode == "verify_failed", "\(r)")
        #expect(r.stderr.contains(id), "verify names the edited event \(id): \(r.stderr)")
        #expect(!r.stderr.trimmingCharacters(in: .newlines).contains("\n"), "one line: \(r.stderr)")
    }

    @Test func verifyNamesAnEditedSpan() throws {
        let p = try Project.make()
        let id = try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        try p.apply("values", "lumen", as: "alice", "--span", "6:10")
        _ = try sqlite(p.store, """
            UPDATE events SET bytes = CAST(replace(CAST(bytes AS TEXT), '"end":5', '"end":6') AS BLOB) WHERE id = '\(id)';
            """)
        let r = p.accord("verify")
        #expect(r.status != 0, "\(r)")
        #expect(r.stderr.contains(id), "verify names the edited event \(id): \(r.stderr)")
    }

    @Test func verifyNamesAnEditedSignature() throws {
        let p = try Project.make()
        let event = try p.lastEvent(ofType: "member.added")
        let id = try #require(event["id"]?.stringValue)
        let sig = try #require(event["sig"]?.stringValue)
        let flipped = (sig.first == "0" ? "1" : "0") + sig.dropFirst()
        _ = try sqlite(p.store, """
            UPDATE events SET bytes = CAST(replace(CAST(bytes AS TEXT), '\(sig)', '\(flipped)') AS BLOB) WHERE id = '\(id)';
            """)
        let r = p.accord("verify")
        #expect(r.status != 0, "\(r)")
        #expect(r.stderr.contains(id), "verify names the event with the bad signature \(id): \(r.stderr)")
        #expect(r.stderr.contains("bad_signature"), "\(r)")
    }

    @Test func verifyNamesABrokenChain() throws {
        let p = try Project.make()
        // Remove one of lena's code definitions from the middle of her chain.
        let events = try p.events()
        let gone = try #require(events.first { $0["type"] == "code.defined" && $0["body"]?["name"] == "data" })
        let next = try #require(events.first { $0["prev"] == gone["id"] })
        _ = try sqlite(p.store, "DELETE FROM events WHERE id = '\(gone["id"]!.stringValue!)';")
        let r = p.accord("verify")
        #expect(r.status != 0, "\(r)")
        #expect(r.stderr.contains(next["id"]!.stringValue!), "verify names the event whose prev is gone: \(r.stderr)")
    }

    /// Deleting an author's newest event leaves the store's recorded head
    /// pointing at an event the log no longer holds; the author's next
    /// append then fails with `missing_prev`. `verify` must notice.
    @Test func verifyNoticesADeletedNewestEvent() throws {
        let p = try Project.make()
        let head = try #require(try p.events().last)
        let id = try #require(head["id"]?.stringValue)
        #expect(head["author"]?.stringValue == p.keys["lena"])
        _ = try sqlite(p.store, "DELETE FROM events WHERE id = '\(id)';")
        let r = p.accord("verify")
        #expect(r.status != 0, "verify passes a log whose newest event was deleted: \(r)")
        #expect(r.stderr.contains(id), "verify should name the missing head \(id): \(r.stderr)")
    }
}
