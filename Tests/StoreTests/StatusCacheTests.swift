import Foundation
import GRDB
import Testing
import Project
@testable import Store
import AccordTesting

/// `state_digest` and the counts of `status` are kept for the log head they
/// were computed at: they must never answer for a state they did not see.
@Suite struct StatusCacheTests {
    func fresh(_ p: TestProject) throws -> String { try p.store.database.read { try StateDigest.compute($0) } }

    func cachedRows(_ p: TestProject) throws -> Int {
        try p.store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM status_cache") ?? 0 }
    }

    @Test func aReadKeepsTheDigestAndTheNextEventReplacesIt() throws {
        let p = try TestProject()
        let before = try p.store.status().stateDigest
        #expect(before == (try fresh(p)))
        #expect(try cachedRows(p) == 1)
        // Proof that the second read is answered from the cache: hide a row
        // from the hash without touching the log.
        try p.store.database.write { db in try db.execute(sql: "UPDATE codes SET description = 'tampered' WHERE name = 'honesty'") }
        #expect(try p.store.stateDigest() == before)

        try p.replica.apply(code: "values/helpfulness", document: "northwind", at: .quote("helpful"), by: p.alice)
        let after = try p.store.status().stateDigest
        #expect(after != before)
        #expect(after == (try fresh(p)))
    }

    @Test func rebuildForgetsADigestOfDamagedRows() throws {
        let p = try TestProject()
        let good = try fresh(p)
        try p.store.database.write { db in try db.execute(sql: "UPDATE codes SET description = 'tampered' WHERE name = 'honesty'") }
        let damaged = try p.store.stateDigest()
        #expect(damaged != good)
        try p.store.rebuild()
        #expect(try p.store.stateDigest() == good)
        #expect(try p.store.status().stateDigest == good)
    }

    @Test func aDigestComputedBeforeAWriteIsNotKeptAfterIt() throws {
        let p = try TestProject()
        let (entry, key, cached) = try p.store.database.read { try StatusCache.read($0) }
        #expect(!cached)
        try p.replica.apply(code: "values/helpfulness", document: "northwind", at: .quote("helpful"), by: p.alice)
        try p.store.database.write { db in try StatusCache.keep(entry, at: key, db) }
        #expect(try cachedRows(p) == 0)
        #expect(try p.store.stateDigest() == (try fresh(p)))
    }

    @Test func aStoreLockedByAnotherWriterStillAnswers() throws {
        let p = try TestProject()
        let holder = try DatabaseQueue(path: p.store.databaseFile.path)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let started = Date()
            #expect(try p.store.stateDigest() == (try fresh(p)))
            #expect(Date().timeIntervalSince(started) < 5, "did not wait out the busy timeout")
        }
        #expect(try cachedRows(p) == 0)
    }

    @Test func theCountsFollowEveryEvent() throws {
        let p = try TestProject()
        let before = try p.store.status()
        #expect(try cachedRows(p) == 1)
        #expect(before.events == (try p.eventCount()))
        let coding = try p.replica.apply(code: "values/helpfulness", document: "northwind", at: .quote("helpful"), by: p.alice)
        let applied = try p.store.status()
        #expect(applied.events == before.events + 1)
        #expect(applied.codings == before.codings + 1)
        #expect(try p.store.status().codings == applied.codings, "answered from the cache")
        _ = try p.replica.unapply(coding: coding.id, by: p.alice)
        let withdrawn = try p.store.status()
        #expect(withdrawn.events == before.events + 2)
        #expect(withdrawn.codings == before.codings)
    }
}
