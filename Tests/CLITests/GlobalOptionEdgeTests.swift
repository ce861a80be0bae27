import Foundation
import Store
import Testing

/// Global options before the command on the real binary: the cases the
/// argument placement must get right.
@Suite struct GlobalOptionEdgeTests {
    func author(of coding: String, in p: Project) throws -> String? {
        try p.codings().first { $0["id"]?.stringValue == coding }?["coder"]?.stringValue
    }

    /// A value that is also a command's name is the value.
    @Test func aValueNamedLikeACommand() throws {
        let p = try Project.make()
        p.must("key", "new", "status")
        let r = p.must("--as", "status", "status", "--json")
        #expect(try r.json()["events"] == 12)
        let elsewhere = try Project.emptyFolder()
        let s = run(["--store", p.dir.path, "--as", "status", "status", "--json"], in: elsewhere.dir)
        #expect(s.ok, "\(s)")
        expectError(p.accord("--as", "apply", "apply", "values", "lumen", "--span", "0:5"), "unknown_key", mentions: ["apply"])
    }

    @Test func aTerminatorAfterTheCommand() throws {
        let p = try Project.make()
        let r = p.must("--as", "alice", "apply", "--span", "0:5", "--", "values", "lumen")
        #expect(try author(of: r.out, in: p) == "alice")
    }

    @Test func aSpanStartingWithADash() throws {
        let p = try Project.make()
        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "apply", "values", "lumen", "--span", "-1:3"), "bad_span", mentions: ["-1:3"])
            expectError(p.accord("--as=alice", "apply", "values", "lumen", "--span=-1:3"), "bad_span")
        }
    }

    /// The later of two --as wins, wherever each was typed.
    @Test func twoAsTheLastWins() throws {
        let p = try Project.make()
        let r = p.must("--as", "alice", "apply", "values", "lumen", "--span", "0:5", "--as", "bob")
        #expect(try author(of: r.out, in: p) == "bob")
    }

    @Test func helpWithGlobalOptions() throws {
        let p = try Project.make()
        for (args, shows) in [(["--as", "bob", "--help"], "USAGE: accord"), (["--as", "bob", "apply", "--help"], "--span"),
                              (["--store", p.dir.path, "help", "apply"], "--quote"), (["--as=bob", "member", "--help"], "add"),
                              (["--as", "bob", "member", "add", "--help"], "--role")] {
            let r = p.accord(args)
            #expect(r.status == 0, "\(args): \(r)")
            #expect(r.stdout.contains(shows), "\(args): \(r.stdout)")
            #expect(r.stderr.isEmpty, "\(args): \(r.stderr)")
        }
    }
}
