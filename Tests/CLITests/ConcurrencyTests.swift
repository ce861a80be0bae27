import Foundation
import Store
import Testing

/// Several processes against one store, and a process killed mid-import.
/// Serialized: each of these keeps both cores busy on its own.
@Suite(.serialized) struct ConcurrencyTests {
    /// Checks every author's chain in the log: seq 1…n with no gap, each
    /// `prev` the author's previous event, and `status` heads at n.
    func expectGaplessChains(_ p: Project, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let events = try p.events()
        let heads = try #require(try p.status()["heads"]?.objectValue)
        let byAuthor = Dictionary(grouping: events, by: { $0["author"]?.stringValue ?? "" })
        #expect(Set(byAuthor.keys) == Set(heads.keys), sourceLocation: sourceLocation)
        for (author, chain) in byAuthor {
            let sorted = chain.sorted { ($0["seq"]?.intValue ?? 0) < ($1["seq"]?.intValue ?? 0) }
            #expect(sorted.map { $0["seq"]?.intValue ?? 0 } == Array(1...Int64(sorted.count)),
                    "author \(author.prefix(12))'s seqs have gaps or repeats", sourceLocation: sourceLocation)
            for (i, event) in sorted.enumerated() {
                let expected: JSONValue = i == 0 ? .null : sorted[i - 1]["id"]!
                if event["prev"] != expected {
                    Issue.record("author \(author.prefix(12)) seq \(i + 1): prev is not the previous event", sourceLocation: sourceLocation)
                    break
                }
            }
            #expect(heads[author]?.intValue == Int64(sorted.count), "status head for \(author.prefix(12))", sourceLocation: sourceLocation)
        }
    }

    /// Two `accord apply` loops at once, 300 applies each. Process one acts
    /// as alice and lena in turn, process two as bob and lena: alice's and
    /// bob's chains grow side by side, lena's is contended by both.
    @Test(.timeLimit(.minutes(5))) func twoApplyProcessesAtOnce() throws {
        let p = try Project.make()
        let perProcess = 300
        func loop(_ me: String) -> String {
            """
            i=0
            while [ $i -lt \(perProcess) ]; do
              if [ $((i % 2)) -eq 0 ]; then who=\(me); else who=lena; fi
              "$ACCORD" --as $who apply values lumen --span $((i % 40)):$((i % 40 + 5)) || echo "apply $i as $who failed" >&2
              i=$((i + 1))
            done
            """
        }
        let start = Date()
        let one = try shell(loop("alice"), in: p.dir)
        let two = try shell(loop("bob"), in: p.dir)
        let r1 = one.wait(), r2 = two.wait()
        let seconds = Date().timeIntervalSince(start)
        print("CLITests: 2 × \(perProcess) concurrent applies took \(String(format: "%.1f", seconds)) s")
        #expect(r1.status == 0 && r1.stderr.isEmpty, "process one: \(r1.stderr)")
        #expect(r2.status == 0 && r2.stderr.isEmpty, "process two: \(r2.stderr)")
        let printed = r1.lines + r2.lines
        #expect(printed.count == 2 * perProcess)
        #expect(Set(printed).count == 2 * perProcess, "every apply printed its own coding id")

        let codings = try p.codings()
        #expect(codings.count == 2 * perProcess, "every coding is present")
        #expect(Set(codings.compactMap { $0["id"]?.stringValue }) == Set(printed))
        #expect(codings.filter { $0["coder"] == "alice" }.count == perProcess / 2)
        #expect(codings.filter { $0["coder"] == "bob" }.count == perProcess / 2)
        #expect(codings.filter { $0["coder"] == "lena" }.count == perProcess)
        let status = try p.status()
        #expect(status["events"]?.intValue == Int64(12 + 2 * perProcess))
        #expect(status["heads"]?[p.keys["lena"]!]?.intValue == Int64(12 + perProcess))
        try expectGaplessChains(p)
        let verify = p.accord("verify")
        #expect(verify.ok, "\(verify)")
        #expect(verify.stdout.contains("verified \(12 + 2 * perProcess) events"))
        // And the projections are what a refold gives.
        p.must("rebuild")
        #expect(try p.status() == status)
    }

    /// `import codings` of 5,000 rows is one transaction: killed at any
    /// moment, it leaves all of its codings or none.
    @Test(.timeLimit(.minutes(5))) func killedImportLeavesAllOrNothing() throws {
        let p = try Project.make()
        let rows = 5_000
        var csv = "document,start,end,code\n"
        let docs = ["northwind", "lumen", "unicode"]
        for i in 0..<rows { csv += "\(docs[i % 3]),\(i % 30),\(i % 30 + 4),\(i % 2 == 0 ? "values" : "data/red-teaming")\n" }
        try p.write("big.csv", csv)

        // One whole import first, to learn how long one takes here.
        let clock = Date()
        let whole = p.must("--as", "alice", "import", "codings", "big.csv")
        let duration = Date().timeIntervalSince(clock)
        #expect(whole.stdout.contains("imported \(rows)"))
        var expected = rows
        #expect(try p.status()["codings"]?.intValue == Int64(expected))

        // Then kills at random moments spread over that duration (the last
        // range may land after the commit: then all 5,000 are there).
        var outcomes: [String] = []
        for fraction in [0.02...0.25, 0.25...0.5, 0.5...0.75, 0.75...0.95, 0.9...1.2] {
            let delay = duration * Double.random(in: fraction)
            let process = try spawn(["--as", "alice", "import", "codings", "big.csv"], in: p.dir)
            Thread.sleep(forTimeInterval: delay)
            process.kill(SIGKILL)
            let r = process.wait()
            let count = try #require(try p.status()["codings"]?.intValue)
            let added = Int(count) - expected
            outcomes.append("\(String(format: "%.2f", delay)) s: exit \(r.status), +\(added)")
            #expect(added == 0 || added == rows, "after SIGKILL at \(delay) s the import left \(added) codings: not all, not none")
            if r.status == 0 { #expect(added == rows, "a finished import imported everything") }
            expected = Int(count)
            let verify = p.accord("verify")
            #expect(verify.ok, "verify after a kill at \(delay) s: \(verify)")
        }
        print("CLITests: a whole import of \(rows) took \(String(format: "%.2f", duration)) s; killed imports: \(outcomes.joined(separator: "; "))")
        try expectGaplessChains(p)
    }
}
