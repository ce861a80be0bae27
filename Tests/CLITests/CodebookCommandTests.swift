import Foundation
import Store
import Testing

/// code add | rename | change | merge | retire | list.
@Suite struct CodebookCommandTests {
    @Test func codeAddWithEveryOption() throws {
        let p = try Project.make()
        let r = p.must("--as", "lena", "code", "add", "transparency", "--parent", "values", "--description", "Says how it was made",
                       "--color", "#FA0", "--exclusive")
        #expect(r.stdout.contains("values/transparency"))
        let codes = try p.json("code", "list")["codes"]?.items ?? []
        let values = try #require(codes.first { $0["path"] == "values" })
        let code = try #require(codes.first { $0["path"] == "values/transparency" })
        #expect(code["name"] == "transparency")
        #expect(code["parent"] == values["id"])
        #expect(code["description"] == "Says how it was made")
        #expect(code["color"] == "#ffaa00", "colours are normalised to #rrggbb")
        #expect(code["exclusive"] == true)
        #expect(code["retired"] == false)
        #expect(code["merged_into"] == .null)
        #expect(isHexID(code["id"]?.stringValue))
        // The id is the code.defined event's id.
        #expect(try p.lastEvent(ofType: "code.defined")["id"] == code["id"])
        #expect(values["description"] == "What the developer says the model should hold")
        #expect(codes.first { $0["path"] == "data/synthetic data" }?["color"] == "#00aa00")
        #expect(values["color"] == .null)
        #expect(values["exclusive"] == false)

        try p.expectNothingWritten {
            expectError(p.accord("--as", "lena", "code", "add", "transparency", "--parent", "values"), "duplicate_code",
                        mentions: ["values/transparency"])
            expectError(p.accord("--as", "lena", "code", "add", "x", "--parent", "nowhere"), "unknown_code", mentions: ["nowhere"])
            expectError(p.accord("--as", "lena", "code", "add", "x", "--color", "red"), "bad_color")
        }
    }

    @Test func codeListIsATree() throws {
        let p = try Project.make()
        p.must("--as", "lena", "code", "add", "choice", "--exclusive", "--description", "one of")
        let lines = p.must("code", "list").lines
        #expect(lines == [
            "choice  [exclusive]  — one of",
            "data",
            "  red-teaming",
            "  synthetic data",
            "values  — What the developer says the model should hold",
            "  helpfulness",
            "  honesty",
        ])
        let codes = try p.json("code", "list")["codes"]?.items ?? []
        #expect(Set(codes.compactMap { $0["path"]?.stringValue }) == [
            "values", "values/helpfulness", "values/honesty", "data", "data/red-teaming", "data/synthetic data", "choice",
        ])
        for c in codes {
            for field in ["id", "path", "name", "parent", "description", "color", "exclusive", "retired", "merged_into"] {
                #expect(c[field] != nil, "code list --json has `\(field)`")
            }
        }
    }

    @Test func codeRenameKeepsCodings() throws {
        let p = try Project.make()
        let coding = try p.apply("values/honesty", "lumen", as: "alice", "--quote", "never deceive users")
        let before = try #require(try p.json("code", "list")["codes"]?.items.first { $0["path"] == "values/honesty" })
        p.must("--as", "lena", "code", "rename", "values/honesty", "truthfulness")
        let codes = try p.json("code", "list")["codes"]?.items ?? []
        let after = try #require(codes.first { $0["id"] == before["id"] })
        #expect(after["path"] == "values/truthfulness")
        #expect(!codes.contains { $0["path"] == "values/honesty" })
        let codings = try p.codings()
        #expect(codings.first { $0["id"]?.stringValue == coding }?["code"] == "values/truthfulness")
        // Renamed codes are named by their new path from now on.
        try p.apply("values/truthfulness", "lumen", as: "bob", "--span", "0:5")
        try p.expectNothingWritten {
            expectError(p.accord("--as", "bob", "apply", "values/honesty", "lumen", "--span", "0:5"), "unknown_code")
            expectError(p.accord("--as", "lena", "code", "rename", "values/truthfulness", "helpfulness"), "duplicate_code")
        }
    }

    @Test func codeChangeEachField() throws {
        let p = try Project.make()
        p.must("--as", "lena", "code", "change", "data/red-teaming", "--description", "Adversarial testing", "--color", "#123456",
               "--exclusive", "true")
        var code = try #require(try p.json("code", "list")["codes"]?.items.first { $0["name"] == "red-teaming" })
        #expect(code["description"] == "Adversarial testing")
        #expect(code["color"] == "#123456")
        #expect(code["exclusive"] == true)
        #expect(code["path"] == "data/red-teaming")

        p.must("--as", "lena", "code", "change", "data/red-teaming", "--parent", "values", "--color", "none", "--exclusive", "false")
        code = try #require(try p.json("code", "list")["codes"]?.items.first { $0["name"] == "red-teaming" })
        #expect(code["path"] == "values/red-teaming")
        #expect(code["color"] == .null)
        #expect(code["exclusive"] == false)
        #expect(code["description"] == "Adversarial testing")

        p.must("--as", "lena", "code", "change", "values/red-teaming", "--parent", "none")
        code = try #require(try p.json("code", "list")["codes"]?.items.first { $0["name"] == "red-teaming" })
        #expect(code["path"] == "red-teaming")
        #expect(code["parent"] == .null)

        // The change event names what it replaces.
        let change = try p.lastEvent(ofType: "code.changed")
        #expect(change["body"]?["code"] == code["id"])
        #expect(change["body"]?["base"]?.count == 1)

        try p.expectNothingWritten {
            expectError(p.accord("--as", "lena", "code", "change", "red-teaming"), "nothing_to_change")
            expectError(p.accord("--as", "lena", "code", "change", "values", "--parent", "values/honesty"), "code_cycle")
        }
    }

    @Test func codeMergeMovesCodingsToTheTarget() throws {
        let p = try Project.make()
        let a = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "1")
        let b = try p.apply("values/honesty", "northwind", as: "bob", "--quote", "honest")
        p.must("--as", "lena", "code", "merge", "values/helpfulness", "values/honesty")

        let codings = try p.codings()
        #expect(Set(codings.compactMap { $0["id"]?.stringValue }) == [a, b])
        for c in codings { #expect(c["code"] == "values/honesty", "a merged code's codings list under the target: \(c)") }
        #expect(Set(try p.codings("--code", "values/honesty").compactMap { $0["id"]?.stringValue }) == [a, b])

        let listed = try p.json("code", "list")["codes"]?.items ?? []
        #expect(!listed.contains { $0["path"] == "values/helpfulness" }, "merged codes leave the list")
        let all = try p.json("code", "list", "--all")["codes"]?.items ?? []
        let target = try #require(all.first { $0["path"] == "values/honesty" })
        #expect(all.first { $0["name"] == "helpfulness" }?["merged_into"] == target["id"])
        #expect(p.must("code", "list", "--all").stdout.contains("(merged into values/honesty)"))
        #expect(try p.status()["codes"] == 5)

        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "apply", "values/helpfulness", "lumen", "--span", "0:4"), "retired_code",
                        mentions: ["values/honesty"])
            expectError(p.accord("--as", "lena", "code", "merge", "values/honesty", "values/honesty"), "bad_merge")
        }
    }

    @Test func codeRetire() throws {
        let p = try Project.make()
        let old = try p.apply("data/red-teaming", "northwind", as: "alice", "--quote", "red team")
        p.must("--as", "lena", "code", "retire", "data/red-teaming")
        #expect(!(try p.json("code", "list")["codes"]?.items ?? []).contains { $0["path"] == "data/red-teaming" })
        let all = try p.json("code", "list", "--all")["codes"]?.items ?? []
        #expect(all.first { $0["path"] == "data/red-teaming" }?["retired"] == true)
        #expect(p.must("code", "list", "--all").stdout.contains("red-teaming  (retired)"))
        // History stays: the old coding is still there.
        #expect(try p.codings().contains { $0["id"]?.stringValue == old })
        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "apply", "data/red-teaming", "northwind", "--span", "0:4"), "retired_code",
                        mentions: ["data/red-teaming"])
            expectError(p.accord("--as", "lena", "code", "retire", "data/red-teaming"), "retired_code")
        }
    }
}
