import Foundation
import Store
import Testing

/// log, show, status, verify, rebuild; --json and --at on read commands.
@Suite struct ReadCommandTests {
    @Test func logJSONIsTheStoredCanonicalBytes() throws {
        let p = try Project.make()
        try p.apply("values", "unicode", as: "alice", "--quote", "naïve")
        p.must("--as", "lena", "code", "rename", "values", "Werte \u{1F600}")
        let r = p.must("log", "--json")
        #expect(r.lines.count == 14)
        var previousTime: Int64 = 0
        for line in r.lines {
            let value = try JSONParser.parse(line)
            #expect(CanonicalJSON.encode(value) == Array(line.utf8), "log --json line is not canonical: \(line)")
            let time = try #require(value["time"]?.intValue)
            #expect(time >= previousTime, "log is oldest first")
            previousTime = time
        }
        // Exactly the bytes in the store, no more, no fewer.
        let stored = try sqlite(p.store, "SELECT hex(bytes) FROM events").split(separator: "\n").map(String.init)
        let printed = r.lines.map { Data($0.utf8).map { String(format: "%02X", $0) }.joined() }
        #expect(Set(stored) == Set(printed))
        #expect(stored.count == printed.count)
    }

    @Test func logFilters() throws {
        let p = try Project.make()
        let a = try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        let b = try p.apply("data", "lumen", as: "bob", "--span", "0:5")
        let c = try p.apply("data", "northwind", as: "alice", "--span", "0:5")
        let events = try p.events()
        func time(_ id: String) throws -> String {
            ISOTime.format(try #require(events.first { $0["id"]?.stringValue == id }?["time"]?.intValue))
        }
        func ids(_ args: String...) throws -> [String] {
            let r = p.accord(["log", "--json"] + args)
            try #require(r.ok, "\(r)")
            return try r.lines.map { try #require(try JSONParser.parse($0)["id"]?.stringValue) }
        }
        #expect(try ids("--author", "alice") == [a, c])
        #expect(try ids("--author", p.keys["bob"]!) == [b], "an author by key")
        #expect(try ids("--type", "segment.coded") == [a, b, c])
        #expect(try ids("--type", "member.added").count == 2)
        #expect(try ids("--since", time(b)) == [b, c])
        #expect(try ids("--until", time(b)).suffix(2) == [a, b])
        #expect(try ids("--since", time(a), "--until", time(b)) == [a, b])
        #expect(try ids("--author", "alice", "--type", "segment.coded", "--since", time(b)) == [c])

        let table = p.must("log", "--type", "segment.coded")
        #expect(table.lines.first?.hasPrefix("TIME") == true)
        #expect(table.lines.count == 5)
        #expect(table.stdout.contains("values on lumen 0:5"))

        expectError(p.accord("log", "--type", "segment.kodiert"), "unknown_type")
        expectError(p.accord("log", "--author", "zed"), "unknown_member")
        expectError(p.accord("log", "--since", "last tuesday"), "bad_moment")
    }

    @Test func showOneEvent() throws {
        let p = try Project.make()
        let id = try p.apply("values/honesty", "lumen", as: "alice", "--quote", "never deceive")
        let shown = p.must("show", id)
        #expect(shown.stdout.contains("event   \(id)"))
        #expect(shown.stdout.contains("segment.coded"))
        #expect(shown.stdout.contains("alice"))
        #expect(shown.stdout.contains("values/honesty on lumen 28:41"))
        // By prefix, and --json prints the exact stored line.
        #expect(p.must("show", String(id.prefix(8))).stdout == shown.stdout)
        let json = p.must("show", id, "--json")
        let line = try #require(p.must("log", "--json").lines.first { $0.contains("\"id\":\"\(id)\"") })
        #expect(json.out == line)
        expectError(p.accord("show", "deadbeefdeadbeef"), "unknown_event")
    }

    @Test func statusJSON() throws {
        let p = try Project.make()
        try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        let s = try p.status()
        #expect(isHexID(s["project"]?.stringValue))
        #expect(s["project"] == (try p.events().first?["id"]))
        #expect(s["events"] == 13)
        #expect(s["authors"] == 2)
        #expect(s["heads"] == .object([p.keys["lena"]!: 12, p.keys["alice"]!: 1]))
        #expect(isHexID(s["state_digest"]?.stringValue))
        #expect(s["name"] == "northwind audit")
        #expect(s["members"] == 3)
        #expect(s["documents"] == 3)
        #expect(s["codes"] == 6)
        #expect(s["codings"] == 1)
        let table = p.must("status")
        #expect(table.stdout.contains("state_digest  \(s["state_digest"]!.stringValue!)"))
        #expect(table.stdout.contains("13 by 2 author(s)"))
    }

    @Test func verifyAndRebuild() throws {
        let p = try Project.make()
        try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        let coding = try p.apply("data", "lumen", as: "bob", "--span", "0:5")
        p.must("--as", "bob", "unapply", coding)
        p.must("--as", "lena", "code", "merge", "data", "values")
        let v = p.must("verify")
        #expect(v.stdout.contains("verified 16 events"))
        let before = try p.status()
        let r = p.must("rebuild")
        #expect(r.stdout.contains("16 events"))
        #expect(r.stdout.contains(before["state_digest"]!.stringValue!))
        #expect(try p.status() == before, "rebuild leaves the state digest (and everything else) as it was")
        // Rebuilding twice is the same.
        p.must("rebuild")
        #expect(try p.status() == before)
    }

    @Test func everyReadCommandTakesJSON() throws {
        let p = try Project.make()
        let id = try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        for args in [["status"], ["codings"], ["code", "list"], ["doc", "list"], ["doc", "show", "lumen"], ["member", "list"],
                     ["key", "list"], ["show", id]] {
            let r = p.accord(args + ["--json"])
            #expect(r.ok, "\(args): \(r)")
            let value = try JSONParser.parse(r.out)
            #expect(value.objectValue != nil, "\(args) --json prints one JSON object")
        }
        for line in p.must("log", "--json").lines { #expect((try JSONParser.parse(line)).objectValue != nil) }
    }

    @Test func atAnEventOrATime() throws {
        let p = try Project.make()
        let first = try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        let before = try p.status()
        let second = try p.apply("data", "lumen", as: "bob", "--span", "0:5")
        p.must("--as", "lena", "code", "rename", "values", "principles")
        let firstTime = try #require(try p.events().first { $0["id"]?.stringValue == first }?["time"]?.intValue)

        // --at EVENT: its causal past, itself included.
        for at in [first, String(first.prefix(12))] {
            let codings = try p.codings("--at", at)
            #expect(codings.compactMap { $0["id"]?.stringValue } == [first], "codings --at \(at)")
            #expect(codings.first?["code"] == "values", "the code's name as it was then")
            let status = try p.json("status", "--at", at)
            #expect(status["events"] == before["events"])
            #expect(status["heads"] == before["heads"])
            #expect(status["state_digest"] == before["state_digest"], "the state at an event is the state right after it")
        }
        // --at TIME: events with time <= T.
        let atFirst = ISOTime.format(firstTime)
        #expect(try p.codings("--at", atFirst).compactMap { $0["id"]?.stringValue } == [first])
        #expect(try p.json("status", "--at", atFirst)["state_digest"] == before["state_digest"])
        let justBefore = ISOTime.format(firstTime - 1)
        #expect(try p.codings("--at", justBefore).isEmpty)
        #expect(try p.json("status", "--at", justBefore)["events"] == 12)
        #expect(try p.json("code", "list", "--at", justBefore)["codes"]?.items.contains { $0["path"] == "values" } == true)
        #expect(try p.json("code", "list")["codes"]?.items.contains { $0["path"] == "principles" } == true)
        #expect(try p.json("status", "--at", "2000-01-01")["events"] == 0)
        // Now: both.
        #expect(Set(try p.codings().compactMap { $0["id"]?.stringValue }) == [first, second])
        // Other read commands take --at too.
        #expect(try p.json("doc", "list", "--at", justBefore)["documents"]?.count == 3)
        let aliceAdded = try #require(try p.events()[1]["id"]?.stringValue)
        #expect(try p.json("member", "list", "--at", aliceAdded)["members"]?.count == 2, "lena and alice, not yet bob")
        #expect(try p.json("doc", "show", "lumen", "--at", first)["codings"]?.count == 1)
        #expect(p.must("log", "--json", "--at", first).lines.count == 13)
        expectError(p.accord("codings", "--at", "0123456789abcdef0123"), "unknown_event")
    }

    /// `--at` reads the ISO-8601 forms Moment.swift documents: `Z`, an
    /// offset, or no zone (UTC), with or without microseconds; a date alone.
    @Test func atTimeForms() throws {
        let p = try Project.make()
        let id = try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        let micros = try #require(try p.events().last?["time"]?.intValue)
        let z = ISOTime.format(micros)  // 2026-11-24T09:42:31.888542Z
        try #require(z.hasSuffix("Z") && z.contains("."), "expected a time with microseconds: \(z)")
        let noZone = String(z.dropLast())
        // The same instant two hours east.
        let east = ISOTime.format(micros + 7_200_000_000).dropLast() + "+02:00"
        for at in [z, String(east), noZone] {
            let r = p.accord("--as", "lena", "codings", "--json", "--at", at)
            #expect(r.ok, "--at \(at): \(r)")
            if r.ok { #expect((try r.json()["codings"]?.items ?? []).compactMap { $0["id"]?.stringValue } == [id], "--at \(at)") }
        }
        let oneBefore = String(ISOTime.format(micros - 1).dropLast())
        let r = p.accord("--as", "lena", "codings", "--json", "--at", oneBefore)
        #expect(r.ok, "--at \(oneBefore): \(r)")
        if r.ok { #expect(try r.json()["codings"]?.count == 0, "--at \(oneBefore)") }
        // Seconds without a zone, and a date alone.
        #expect(p.accord("status", "--at", String(z.prefix(19))).ok)
        #expect(try p.json("status", "--at", "2001-01-01")["events"] == 0)
    }
}
