import Foundation
import GRDB
import Testing
import Project
@testable import Store
import AccordTesting

@Suite struct LogTests {
    @Test func verifyNamesTheFirstTamperedEvent() throws {
        let p = try TestProject()
        #expect(try p.store.verify().isClean)
        try p.store.database.write { db in
            try db.execute(sql: """
                UPDATE events SET bytes = CAST(replace(CAST(bytes AS TEXT), 'helpful', 'helpfuL') AS BLOB)
                WHERE type = 'document.added'
                """)
        }
        let report = try p.store.verify()
        #expect(report.failure?.event == p.document)
        #expect(report.failure?.error.code == "bad_id")
    }

    @Test func verifyFindsAForgedSignature() throws {
        let p = try TestProject()
        let forged = try p.store.database.write { db -> String in
            let id = try String.fetchOne(db, sql: "SELECT id FROM events WHERE type = 'code.defined' ORDER BY rowid LIMIT 1")!
            let bytes = [UInt8](try Data.fetchOne(db, sql: "SELECT bytes FROM events WHERE id = ?", arguments: [id])!)
            var fields = try JSONParser.parse(bytes).objectValue!
            fields["sig"] = .string(p.alice.sign(Hex.decode(id)!))
            try db.execute(sql: "UPDATE events SET bytes = ? WHERE id = ?", arguments: [Data(CanonicalJSON.encode(.object(fields))), id])
            return id
        }
        let report = try p.store.verify()
        #expect(report.failure?.event == forged)
        #expect(report.failure?.error.code == "bad_signature")
    }

    @Test func chainsStayGaplessUnderConcurrentWriters() async throws {
        let p = try TestProject()
        let directory = p.store.directory
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<2 {
                group.addTask {
                    let store = try Store(directory: directory)
                    for i in 0..<40 {
                        try Replica(store: store).apply(code: "values/helpfulness", document: "northwind", at: .span(i, i + 1 + worker),
                                        by: worker == 0 ? p.alice : p.bob)
                    }
                }
            }
            try await group.waitForAll()
        }
        let status = try p.store.status()
        #expect(status.heads[p.alice.publicHex] == 40)
        #expect(status.heads[p.bob.publicHex] == 40)
        #expect(status.codings == 80)
        #expect(try p.store.verify().isClean)
    }

    @Test func timeTravelShowsThePast() throws {
        let p = try TestProject()
        let first = try p.replica.apply(code: "values/helpfulness", document: "northwind", at: .quote("helpful"), by: p.alice)
        try p.replica.unapply(coding: first.id, by: p.alice)
        let now = try p.store.status()
        #expect(now.codings == 0)
        #expect(try p.store.status(at: .event(first.id)).codings == 1)
        #expect(try p.store.status(at: .time(first.time)).codings == 1)
        #expect(try p.store.status(at: .time(first.time - 1)).codings == 0)
        #expect(try p.store.stateDigest(at: .time(Store.nowMicros())) == now.stateDigest)
    }

    @Test func rebuildRefoldsToTheSameDigest() throws {
        let p = try TestProject()
        try p.replica.apply(code: "values/honesty", document: "northwind", at: .paragraph(2), by: p.bob)
        let before = try p.store.stateDigest()
        #expect(try p.store.rebuild() == p.eventCount())
        #expect(try p.store.stateDigest() == before)
    }

    @Test func anchorsResolveToScalarOffsets() throws {
        let text = TestProject.text
        #expect(try Anchor.quote("café").resolve(in: text, title: "t") == (52, 56))
        #expect(try Anchor.paragraph(2).resolve(in: text, title: "t") == (34, text.unicodeScalars.count))
        #expect(throws: AccordError.self) { try Anchor.quote("is").resolve(in: text, title: "t") }
        #expect(throws: AccordError.self) { try Anchor.paragraph(3).resolve(in: text, title: "t") }
    }

    @Test func importIsAllOrNothing() throws {
        let p = try TestProject()
        try p.store.keyring.store(p.alice, as: "alice")
        let before = try p.digest()
        let bad = "coder,document,start,end,code\nalice,northwind,0,5,values/helpfulness\nalice,northwind,9,999,values/honesty\n"
        #expect { try p.replica.importCodings(csv: bad, by: p.lead) } throws: { ($0 as? AccordError)?.message.hasPrefix("line 3:") == true }
        #expect(try p.digest() == before)
        let good = "coder,document,start,end,code\nalice,northwind,0,5,values/helpfulness\n\"alice\",\"northwind\",9,12,\"values/honesty\"\n"
        #expect(try p.replica.importCodings(csv: good, by: p.lead) == 2)
    }
}
