import Foundation
import Store
import Testing

/// init, key, member: making a project and its people.
@Suite struct ProjectCommandTests {
    @Test func initCreatesAProjectWhoseCreatorIsLead() throws {
        let folder = try Project.emptyFolder()
        let r = run(["init", "--name", "Survey of model cards", "--as", "lena"], in: folder.dir)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("Survey of model cards"))
        #expect(FileManager.default.fileExists(atPath: folder.dir.appendingPathComponent(".accord/store.sqlite").path))

        let status = try run(["status", "--json"], in: folder.dir).json()
        let project = try #require(status["project"]?.stringValue)
        #expect(isHexID(project))
        #expect(r.stdout.contains(project), "init prints the project id")
        #expect(status["events"] == 1)
        #expect(status["authors"] == 1)
        let lena = try #require(try run(["key", "list", "--json"], in: folder.dir).json()["keys"]?[0])
        #expect(lena["name"] == "lena")
        #expect(lena["member"] == "lena (lead)")
        let lenaKey = try #require(lena["key"]?.stringValue)
        #expect(r.stdout.contains(lenaKey), "init prints the lead's key")
        #expect(status["heads"] == .object([lenaKey: 1]))

        // The genesis event is the project id, made by lena, seq 1, no prev.
        let genesis = try JSONParser.parse(run(["log", "--json"], in: folder.dir).out)
        #expect(genesis["id"]?.stringValue == project)
        #expect(genesis["type"] == "project.created")
        #expect(genesis["author"]?.stringValue == lenaKey)
        #expect(genesis["seq"] == 1)
        #expect(genesis["prev"] == .null)
        #expect(genesis["body"]?["name"] == "Survey of model cards")

        let members = try run(["member", "list", "--json"], in: folder.dir).json()["members"]?.items ?? []
        #expect(members.count == 1)
        #expect(members.first?["name"] == "lena")
        #expect(members.first?["role"] == "lead")

        // Again in the same folder: refused, nothing changed.
        let digest = status["state_digest"]
        expectError(run(["init", "--name", "again", "--as", "lena"], in: folder.dir), "already_initialised")
        #expect(try run(["status", "--json"], in: folder.dir).json()["state_digest"] == digest)
    }

    @Test func initWithoutAsSaysWhoIsMissing() throws {
        let folder = try Project.emptyFolder()
        expectError(run(["init", "--name", "x"], in: folder.dir), "unknown_key", mentions: ["--as"])
        #expect(!FileManager.default.fileExists(atPath: folder.dir.appendingPathComponent(".accord/store.sqlite").path))
    }

    @Test func keyNewPrintsOnlyThePublicKeyHex() throws {
        let p = try Project.make()
        let r = p.accord("key", "new", "carol")
        #expect(r.status == 0, "\(r)")
        #expect(isHexID(r.out), "stdout should be the hex key alone: \(r.stdout.debugDescription)")
        #expect(r.stdout == r.out + "\n")
        // The private key is in the keyring, owner-only.
        let keyFile = p.dir.appendingPathComponent(".accord/keys/carol.key")
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let keys = try p.json("key", "list")["keys"]?.items ?? []
        let carol = try #require(keys.first { $0["name"] == "carol" })
        #expect(carol["key"]?.stringValue == r.out)
        #expect(carol["member"] == "not a member")
        // A key is not a member: adding one writes no event.
        #expect(try p.status()["events"] == 12)
        // Names are unique in a keyring.
        expectError(p.accord("key", "new", "carol"), "key_exists")
    }

    @Test func keyNewWithFileOutsideAProjectWritesAnOwnerOnlyFile() throws {
        let folder = try Project.emptyFolder()
        let r = run(["key", "new", "carol", "--file", "carol.key"], in: folder.dir)
        #expect(r.status == 0, "\(r)")
        #expect(isHexID(r.out), "stdout should be the hex key alone: \(r.stdout.debugDescription)")
        let file = folder.dir.appendingPathComponent("carol.key")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect(attributes[.posixPermissions] as? Int == 0o600, "the private key file must be mode 0600")
        let contents = try String(contentsOf: file, encoding: .utf8)
        #expect(!contents.contains(r.out), "the file holds the private key, not the public one")
        #expect(!FileManager.default.fileExists(atPath: folder.dir.appendingPathComponent(".accord").path), "no project is made")

        // Never overwrites a key file.
        expectError(run(["key", "new", "carol", "--file", "carol.key"], in: folder.dir), "key_exists", mentions: ["carol.key"])
        #expect(try String(contentsOf: file, encoding: .utf8) == contents)
        // Without --file, outside a project: says what to do.
        expectError(run(["key", "new", "carol"], in: folder.dir), "not_a_project", mentions: ["--file"])
    }

    @Test func keyListShowsNamesKeysAndMembers() throws {
        let p = try Project.make()
        let table = p.must("key", "list")
        #expect(table.lines.first?.hasPrefix("NAME") == true)
        for (name, key) in p.keys { #expect(table.stdout.contains(key), "\(name)'s key listed") }
        #expect(table.stdout.contains("alice (coder)"))
        #expect(table.stdout.contains("lena (lead)"))
        let keys = try p.json("key", "list")["keys"]?.items ?? []
        #expect(keys.map { $0["name"]?.stringValue ?? "" } == ["alice", "bob", "lena"])
        for k in keys { #expect(k["key"]?.stringValue == p.keys[k["name"]!.stringValue!]) }
    }

    @Test func memberAddListChangeRemove() throws {
        let p = try Project.make()
        let carolKey = p.must("key", "new", "carol").out
        let added = p.must("--as", "lena", "member", "add", "carol", "--key", carolKey, "--role", "auditor")
        #expect(added.stdout.contains("carol"))
        var members = try p.json("member", "list")["members"]?.items ?? []
        #expect(members.map { $0["name"]?.stringValue ?? "" } == ["lena", "alice", "bob", "carol"])
        let carol = try #require(members.last)
        #expect(carol["role"] == "auditor")
        #expect(carol["keys"] == .array([.string(carolKey)]))
        #expect(carol["removed"] == false)
        #expect(isHexID(carol["id"]?.stringValue))
        #expect(p.must("member", "list").stdout.contains("auditor"))

        // An auditor reads only.
        expectError(p.accord("--as", "carol", "apply", "values", "lumen", "--span", "0:5"), "forbidden", mentions: ["auditor"])

        p.must("--as", "lena", "member", "change", "carol", "--role", "coder")
        members = try p.json("member", "list")["members"]?.items ?? []
        #expect(members.last?["role"] == "coder")
        #expect(members.last?["id"] == carol["id"], "a member keeps their id")
        try p.apply("values", "lumen", as: "carol", "--span", "0:5")

        p.must("--as", "lena", "member", "change", "carol", "--name", "caroline")
        members = try p.json("member", "list")["members"]?.items ?? []
        #expect(members.last?["name"] == "caroline")
        #expect(try p.codings("--coder", "caroline").count == 1, "codings follow the renamed member")

        p.must("--as", "lena", "member", "remove", "caroline")
        members = try p.json("member", "list")["members"]?.items ?? []
        #expect(!members.contains { $0["name"] == "caroline" })
        let all = try p.json("member", "list", "--all")["members"]?.items ?? []
        #expect(all.last?["name"] == "caroline")
        #expect(all.last?["removed"] == true)
        #expect(p.must("member", "list", "--all").stdout.contains("caroline (removed)"))
        // A removed member's later events are refused; their past work stays.
        try p.expectNothingWritten("removed member applies") {
            expectError(p.accord("--as", "carol", "apply", "values", "lumen", "--span", "0:5"), "not_member")
        }
        #expect(try p.codings("--coder", "caroline").count == 1)
        expectError(p.accord("--as", "lena", "member", "remove", "caroline"), "unknown_member")
    }

    /// Member names are unique (`member add` refuses a taken one); renaming
    /// onto a taken name must be refused the same way, or `--coder bob` and
    /// `log --author bob` no longer say whom they mean.
    @Test func memberChangeRefusesATakenName() throws {
        let p = try Project.make()
        try p.expectNothingWritten("member change alice --name bob") {
            expectError(p.accord("--as", "lena", "member", "change", "alice", "--name", "bob"), "duplicate_member", mentions: ["bob"])
        }
        let names = (try p.json("member", "list")["members"]?.items ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names == ["lena", "alice", "bob"])
    }

    @Test func memberAddRefusesDuplicatesAndBadKeys() throws {
        let p = try Project.make()
        try p.expectNothingWritten {
            expectError(p.accord("--as", "lena", "member", "add", "alice", "--key", p.keys["bob"]!, "--role", "coder"),
                        "duplicate_member", mentions: ["alice"])
            expectError(p.accord("--as", "lena", "member", "add", "dan", "--key", "abc123", "--role", "coder"), "bad_key")
        }
    }
}
