import Foundation
import GRDB
import Testing
@testable import Store
import AccordTesting

/// The two shortcuts of listing commands must print exactly what the
/// general paths print: `CanonicalObjectShape` what `CanonicalJSON.encode`
/// gives the same object, and `CodingRow.sortForListing` the order SQLite's
/// `ORDER BY document, start, "end", time, id` gives.
@Suite struct ListingOutputTests {
    @Test func aShapeWritesTheBytesOfTheCanonicalObject() {
        // Non-ASCII names sort by UTF-16 code units: "\u{FB33}" (one unit)
        // comes after "\u{1F600}" (a surrogate pair starting 0xD83D), unlike
        // by scalar value.
        let names = ["id", "coder", "é", "\u{FB33}", "\u{1F600}", "a\"b", "", "end", "Z", "time"]
        var random = SeededRandom(seed: 11)
        let shape = CanonicalObjectShape(names)
        for _ in 0..<500 {
            let values: [JSONValue] = names.map { _ in
                switch random.next() % 5 {
                case 0: return .int(Int64(bitPattern: random.next()))
                case 1: return .string(String(decoding: (0..<(random.next() % 12)).map { _ in UInt8(random.next() % 128) }, as: UTF8.self))
                case 2: return .bool(random.next() % 2 == 0)
                case 3: return .null
                default: return .array([.int(Int64(random.next() % 100)), .string("\u{7}\n")])
                }
            }
            var written: [UInt8] = []
            shape.write(values, into: &written)
            #expect(written == CanonicalJSON.encode(.object(Dictionary(uniqueKeysWithValues: zip(names, values)))))
        }
    }

    @Test func codingsAreListedInTheOrderSQLiteWouldSortThem() throws {
        var random = SeededRandom(seed: 5)
        func hex(_ n: UInt64) -> String { String(repeating: "0", count: 4) + String(n, radix: 16) }
        // Few documents, starts and times, so every key has ties to break.
        let rows = (0..<3_000).map { i in
            CodingRow(id: hex(random.next() % 100_000) + "-\(i)", author: "a", document: hex(random.next() % 7),
                      code: "c", start: Int(random.next() % 5), end: Int(5 + random.next() % 3), time: Int64(random.next() % 4), member: nil)
        }
        let queue = try DatabaseQueue()
        let expected = try queue.write { db -> [String] in
            try db.execute(sql: "CREATE TABLE c (id TEXT, document TEXT, start INTEGER, \"end\" INTEGER, time INTEGER)")
            for r in rows {
                try db.execute(sql: "INSERT INTO c VALUES (?, ?, ?, ?, ?)", arguments: [r.id, r.document, r.start, r.end, r.time])
            }
            return try String.fetchAll(db, sql: "SELECT id FROM c ORDER BY document, start, \"end\", time, id")
        }
        var listed = rows.shuffled(using: &random)
        CodingRow.sortForListing(&listed)
        #expect(listed.map(\.id) == expected)
    }
}
