import Foundation
import Store
import Testing

/// `accord export csv` and `accord export jsonl`.
@Suite struct ExportCommandTests {
    @Test func csvHasOneRowPerCodingWithTheQuotedText() throws {
        let p = try Project.make()
        let first = try p.apply("values/helpfulness", "northwind", as: "alice", "--span", "0:9")
        _ = try p.apply("values/honesty", "unicode", as: "bob", "--span", "0:6")
        let r = p.must("--as", "lena", "export", "csv", "out.csv")
        #expect(r.out.contains("wrote 2 codings"))
        let csv = try String(contentsOf: p.dir.appendingPathComponent("out.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "coder,document,start,end,code,text,time,coding")
        #expect(rows.count == 3)
        let alice = try #require(rows.first { $0.hasPrefix("alice,") })
        #expect(alice.hasPrefix("alice,northwind,0,9,values/helpfulness,Northwind,"))
        #expect(alice.hasSuffix(",\(first)"))
        let bob = try #require(rows.first { $0.hasPrefix("bob,") })
        #expect(bob.hasPrefix("bob,unicode,0,6,values/honesty,Café \u{1F600},"))
    }

    @Test func jsonlHoldsEveryEventsExactBytes() throws {
        let p = try Project.make()
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--span", "0:9")
        p.must("export", "jsonl", "events.jsonl")
        let lines = try String(contentsOf: p.dir.appendingPathComponent("events.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let status = try p.status()
        #expect(Int64(lines.count) == status["events"]?.intValue)
        let log = try p.events().compactMap { $0["id"]?.stringValue }
        let exported = try lines.compactMap { try JSONParser.parse($0)["id"]?.stringValue }
        #expect(Set(exported) == Set(log))
    }

    @Test func anExportIntoAMissingFolderWritesNothing() throws {
        let p = try Project.make()
        try p.expectNothingWritten("export into a missing folder") {
            expectError(p.accord("--as", "lena", "export", "csv", "nowhere/out.csv"), "write_failed", mentions: ["nowhere"])
            expectError(p.accord("export", "jsonl", "nowhere/events.jsonl"), "write_failed", mentions: ["nowhere"])
        }
        #expect(!FileManager.default.fileExists(atPath: p.dir.appendingPathComponent("nowhere").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: p.dir.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)
    }
}
