import Foundation
import Store
import Testing

/// --as before or after the command, ACCORD_AS, --store, finding the store.
@Suite struct GlobalOptionTests {
    func author(of coding: String, in p: Project) throws -> String? {
        try p.codings().first { $0["id"]?.stringValue == coding }?["coder"]?.stringValue
    }

    @Test func asBeforeOrAfterTheCommand() throws {
        let p = try Project.make()
        let before = p.must("--as", "alice", "apply", "values", "lumen", "--span", "0:5").out
        let after = p.must("apply", "values", "lumen", "--span", "0:5", "--as", "bob").out
        let equals = p.must("--as=alice", "apply", "data", "lumen", "--span", "0:5").out
        let subAfter = p.must("apply", "--as=bob", "data", "lumen", "--span", "1:5").out
        #expect(try author(of: before, in: p) == "alice")
        #expect(try author(of: after, in: p) == "bob")
        #expect(try author(of: equals, in: p) == "alice")
        #expect(try author(of: subAfter, in: p) == "bob")
        // Without --as: the replica's own key (the one it was made with).
        let mine = p.must("apply", "values", "lumen", "--span", "0:5").out
        #expect(try author(of: mine, in: p) == "lena")
    }

    @Test func accordAsEnvironment() throws {
        let p = try Project.make()
        let viaEnv = p.must("apply", "values", "lumen", "--span", "0:5", env: ["ACCORD_AS": "bob"]).out
        #expect(try author(of: viaEnv, in: p) == "bob")
        // --as wins over the environment.
        let flag = p.must("--as", "alice", "apply", "values", "lumen", "--span", "0:5", env: ["ACCORD_AS": "bob"]).out
        #expect(try author(of: flag, in: p) == "alice")
        try p.expectNothingWritten {
            expectError(p.accord("apply", "values", "lumen", "--span", "0:5", env: ["ACCORD_AS": "nobody"]), "unknown_key",
                        mentions: ["nobody"])
        }
    }

    @Test func storeFromAnotherFolder() throws {
        let p = try Project.make()
        let elsewhere = try Project.emptyFolder()
        let r = run(["--store", p.dir.path, "--as", "alice", "apply", "values", "lumen", "--span", "0:5"], in: elsewhere.dir)
        #expect(r.ok, "\(r)")
        #expect(try author(of: r.out, in: p) == "alice")
        // After the command, with `=`, and naming the .accord folder itself.
        let s1 = try run(["status", "--json", "--store", p.dir.path], in: elsewhere.dir).json()
        let s2 = try run(["--store=\(p.dir.appendingPathComponent(".accord").path)", "status", "--json"], in: elsewhere.dir).json()
        #expect(s1 == (try p.status()))
        #expect(s2 == s1)
        #expect(s1["codings"] == 1)
        // ACCORD_STORE too.
        #expect(try run(["status", "--json"], in: elsewhere.dir, env: ["ACCORD_STORE": p.dir.path]).json() == s1)
        // A --store that is not a project.
        expectError(run(["--store", elsewhere.dir.path, "status"], in: p.dir), "not_a_project", mentions: [elsewhere.dir.path])
    }

    @Test func theStoreIsFoundByWalkingUp() throws {
        let p = try Project.make()
        let deep = p.dir.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        let r = run(["--as", "bob", "apply", "data", "northwind", "--span", "0:9"], in: deep)
        #expect(r.ok, "\(r)")
        #expect(try author(of: r.out, in: p) == "bob")
    }
}
