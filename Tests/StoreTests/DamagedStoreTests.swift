import AccordTesting
import Foundation
import GRDB
import Project
import Testing
@testable import Store

/// Issue 10, row 15: a store altered behind accord's back is reported by
/// `rebuild`, `--at` and `log` with an error, never a crash.
@Suite struct DamagedStoreTests {
    /// A stored event whose body no longer reads (a number turned into a
    /// string, a field removed): each read that folds or lists events
    /// refuses with a code. `--at` reads the projections, as every read of
    /// the present does, and answers as before the damage; its replay (for a
    /// past that needs one) refuses.
    @Test func alteredEventBytesAreReportedNotTrusted() throws {
        for (from, to) in [(#""start":0"#, #""start":"0""#), (#","start":0"#, "")] {
            let p = try TestProject()
            let coding = try p.replica.apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
            let time = coding.time
            let past = try p.store.stateDigest(at: .time(time))
            let changed = try StoreFile.write(p.store) { db -> Int in
                try db.execute(sql: "UPDATE events SET bytes = CAST(replace(CAST(bytes AS TEXT), ?, ?) AS BLOB) WHERE id = ?",
                               arguments: [from, to, coding.id])
                return db.changesCount
            }
            try #require(changed == 1)
            try #require(try StoreFile.read(p.store) { db in
                try Bool.fetchOne(db, sql: "SELECT instr(CAST(bytes AS TEXT), ?) = 0 FROM events WHERE id = ?", arguments: [from, coding.id])
            } == true, "the bytes were altered")

            #expect(throws: AccordError.self, "rebuild") { try p.store.rebuild() }
            #expect(throws: AccordError.self, "log") { try p.store.log(LogFilter()) }
            #expect(try p.store.stateDigest(at: .time(time)) == past, "--at")
            #expect(throws: AccordError.self, "--at replayed") {
                try p.store.readState(at: .time(time), replay: true) { try StateDigest.compute($0) }
            }
            // The failed rebuild changed nothing: the projections still answer.
            #expect(try p.store.catalog().codes.count > 0)
        }
    }

    /// Projection rows holding what accord never writes: an unknown role,
    /// a stored JSON value that no longer parses. Reads say `store_damaged`.
    @Test func alteredProjectionRowsAreReported() throws {
        let p = try TestProject()
        try StoreFile.write(p.store) { db in try db.execute(sql: "UPDATE members SET role = 'overlord' WHERE name = 'alice'") }
        do {
            _ = try p.store.catalog()
            Issue.record("an unknown role was read")
        } catch { #expect(error.code == "store_damaged", "\(error)") }

        let q = try TestProject()
        try StoreFile.write(q.store) { db in try db.execute(sql: "UPDATE documents SET meta = '{not json'") }
        do {
            _ = try q.store.catalog()
            Issue.record("a projection value that is no JSON was read")
        } catch { #expect(error.code == "store_damaged", "\(error)") }
        // `rebuild` folds the projections again from the log, which repairs them.
        try q.store.rebuild()
        #expect(try q.store.catalog().codes.count > 0)
    }
}
