import Foundation
import GRDB
import Testing
import Project
@testable import Store
import AccordTesting

/// Codings are kept by log position (`coding_rows`) and named by the
/// `codings` view; an append stores each event before projecting it, while
/// later ones are still being signed.
@Suite struct CodingRowsTests {
    static func coding(_ p: TestProject, _ i: Int, code: String? = nil) throws -> Action {
        try Action(.segmentCoded, ["document": .string(p.document), "code": .string(code ?? (i % 2 == 0 ? p.helpfulness : p.honesty)),
                                   "start": .int(Int64(i % 40)), "end": .int(Int64(i % 40 + 3))])
    }

    static func rows(_ store: Store) throws -> [[String?]] {
        try StoreFile.read(store) { db in
            try Row.fetchAll(db, sql: """
                SELECT id, document, code, author, start, "end", time, uncoded_by, member FROM codings ORDER BY id
                """).map { row in
                    row.databaseValues.map { value -> String? in
                        switch value.storage {
                        case .null: nil
                        case .string(let s): s
                        case .int64(let i): String(i)
                        default: "\(value)"
                        }
                    }
                }
        }
    }

    @Test func aBatchSignedOnThreadsIsStoredAsReceivedAndAsRebuilt() throws {
        let p = try TestProject()
        // Past 64 events the signatures are made on other threads, chunk by chunk.
        let events = try p.store.append(try (0..<700).map { try Self.coding(p, $0) }, by: p.alice)
        let withdrawn = events[3].id
        try p.store.append(try Action(.segmentUncoded, ["coding": .string(withdrawn)]), by: p.alice)

        let rows = try Self.rows(p.store)
        #expect(rows.count == 700)
        let row = try #require(rows.first { $0[0] == withdrawn })
        #expect(row[1] == p.document && row[3] == p.alice.publicHex && row[7] != nil && row[8] != nil)
        #expect(rows.filter { $0[7] != nil }.count == 1)
        #expect(try p.store.status().codings == 699)

        let received = try temporaryStore()
        let log: [[UInt8]] = try StoreFile.read(p.store) { db in
            try Data.fetchAll(db, sql: "SELECT bytes FROM events ORDER BY rowid").map { [UInt8]($0) }
        }
        #expect(try received.receive(log).allSatisfy(\.isAccepted))
        #expect(try Self.rows(received) == rows)
        #expect(try received.stateDigest() == p.digest())

        let digest = try p.digest()
        try p.store.rebuild()
        #expect(try Self.rows(p.store) == rows)
        #expect(try p.digest() == digest)
        #expect(try p.store.verify().isClean)
    }

    @Test func aBatchRefusedPartWayWritesNothing() throws {
        let p = try TestProject()
        let before = (try p.digest(), try p.eventCount())
        let unknownCode = String(repeating: "ab", count: 32)
        var actions = try (0..<300).map { try Self.coding(p, $0) }
        actions[250] = try Self.coding(p, 250, code: unknownCode)
        #expect(throws: AccordError.self) { try p.store.append(actions, by: p.alice) }
        #expect(try p.digest() == before.0)
        #expect(try p.eventCount() == before.1)
        #expect(try Self.rows(p.store).isEmpty)
        // The store is whole: the same batch without the bad action lands.
        actions.remove(at: 250)
        #expect(try p.store.append(actions, by: p.alice).count == 299)
        #expect(try p.store.status().codings == 299)
    }

    @Test func aNewStoreHasSixteenKiBPagesAndCodingsByPosition() throws {
        let p = try TestProject()
        try p.store.append(try Self.coding(p, 1), by: p.alice)
        let (pageSize, kind, stored) = try StoreFile.read(p.store) { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_size")!,
             try String.fetchOne(db, sql: "SELECT type FROM sqlite_master WHERE name = 'codings'"),
             try Row.fetchOne(db, sql: "SELECT * FROM coding_rows")!)
        }
        #expect(pageSize == 16384)
        #expect(kind == "view")
        // Positions only: the row holds no 64-hex id.
        #expect(stored.databaseValues.allSatisfy { value in
            if case .string = value.storage { return false } else { return true }
        })
    }
}
