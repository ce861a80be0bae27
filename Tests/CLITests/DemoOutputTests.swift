@testable import CLI
import Foundation
import Store
import Testing

/// The demo runs commands in this process and reads what they print.
@Suite struct DemoOutputTests {
    /// More than a pipe holds (64 KiB): the demo collects it whole.
    @Test(.timeLimit(.minutes(2))) func aCommandPrintingMoreThanAPipeHolds() async throws {
        let p = try Project.make()
        let line = "An interview transcript runs long, and every word of it is data.\n"
        try p.write("transcript.txt", String(repeating: line, count: 2_000))
        p.must("--as", "lena", "doc", "add", "transcript.txt")
        let expected = p.must("log", "--json").stdout
        try #require(expected.utf8.count > 128 * 1024)

        let demo = DemoRunner(root: p.dir.deletingLastPathComponent())
        let printed = try await demo.run(["log", "--json"], in: p.dir.lastPathComponent, quiet: true)
        #expect(printed == expected)
        let shown = try await demo.run(["doc", "show", "transcript", "--json"], as: "lena", in: p.dir.lastPathComponent, quiet: true)
        #expect(try JSONParser.parse(shown)["length"]?.intValue == Int64(line.unicodeScalars.count * 2_000))
    }

    /// A command that fails still hands back its refusal.
    @Test func aRefusalReachesTheDemo() async throws {
        let p = try Project.make()
        let demo = DemoRunner(root: p.dir.deletingLastPathComponent())
        await #expect(throws: AccordError.self) {
            try await demo.run(["apply", "values", "nowhere", "--span", "0:5"], as: "alice", in: p.dir.lastPathComponent, quiet: true)
        }
    }
}
