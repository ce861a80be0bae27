import Foundation
import Store
import Testing

/// Enumerated options and the checks `validate()` makes before any store is
/// opened: each refusal one line with its code, exit 1, nothing written.
@Suite struct OptionValidationTests {
    /// Checks that need no store come first: they are refused even outside a project.
    @Test(arguments: [
        (["agreement", "--unit", "word"], "bad_unit"),
        (["agreement", "--overlap", "50"], "bad_overlap"),
        (["agreement", "--unit", "segment", "--overlap", "0"], "bad_overlap"),
        (["agreement", "--unit", "segment", "--overlap", "100.5"], "bad_overlap"),
        (["agreement", "--unit", "character", "--overlap", "90"], "bad_overlap"),
        (["apply", "values", "lumen"], "bad_anchor"),
        (["apply", "values", "lumen", "--quote", "q", "--paragraph", "2"], "bad_anchor"),
        (["apply", "values", "lumen", "--span", "1-3"], "bad_span"),
        (["apply", "values", "lumen", "--span", "-1:3"], "bad_span"),
        (["member", "add", "carol", "--key", "00", "--role", "boss"], "bad_role"),
        (["member", "change", "carol", "--role", "Lead"], "bad_role"),
        (["log", "--type", "segment.kodiert"], "unknown_type"),
        (["log", "--since", "last tuesday"], "bad_moment"),
        (["status", "--at", "yesterday"], "bad_moment"),
        (["doc", "add", "a.txt", "b.txt", "--title", "T"], "bad_title"),
        (["doc", "add", "a.txt", "--meta", "novalue"], "bad_meta"),
        (["serve", "--listen", "localhost"], "bad_listen"),
        (["clone", "not a url", "dir", "--key", "k", "--as", "me"], "bad_url"),
        (["init", "--name", "x"], "unknown_key"),
    ])
    func refusedBeforeAnyStoreIsOpened(_ args: [String], _ code: String) throws {
        let folder = try Project.emptyFolder()
        expectError(run(args, in: folder.dir), code)
        #expect(!FileManager.default.fileExists(atPath: folder.dir.appendingPathComponent(".accord").path))
    }

    @Test func roleAndUnitErrorsNameTheChoices() throws {
        let folder = try Project.emptyFolder()
        expectError(run(["member", "add", "carol", "--key", "00", "--role", "boss"], in: folder.dir), "bad_role",
                    mentions: ["lead, coder, auditor, mirror", "boss"])
        expectError(run(["agreement", "--unit", "word"], in: folder.dir), "bad_unit",
                    mentions: ["document, paragraph, sentence, character, segment", "word"])
        expectError(run(["agreement", "--overlap", "50"], in: folder.dir), "bad_overlap", mentions: ["segment"])
    }

    /// `--overlap` changes segment agreement, and only segment agreement takes it.
    @Test func overlapAppliesToSegments() throws {
        let p = try Project.make()
        // Two segments sharing 20 of their 30 characters.
        _ = try p.apply("values", "northwind", as: "alice", "--span", "0:30")
        _ = try p.apply("values", "northwind", as: "bob", "--span", "10:40")
        let loose = try p.json("agreement", "--unit", "segment", "--overlap", "40", "--include-unfinished")
        let strict = try p.json("agreement", "--unit", "segment", "--include-unfinished")
        let pair = { (r: JSONValue) in r["codes"]?.items.first { $0["code"] == "values" }?["pairs"]?[0] }
        #expect(pair(loose)?["both"] == 1, "a partial overlap counts at --overlap 40")
        #expect(pair(strict)?["both"] == 0, "but not at the default 90")
        #expect(try p.json("agreement", "--unit", "segment", "--overlap", "90", "--include-unfinished") == strict)
    }

    /// ArgumentParser's own usage errors: one line too, code `usage`, exit 64.
    @Test func usageErrorsAreOneLine() throws {
        let p = try Project.make()
        for args in [["apply", "values"], ["status", "--frobnicate"], ["frobnicate"], ["agreement", "--overlap", "lots"],
                     ["apply", "values", "lumen", "--paragraph", "two"], ["--as"]] {
            let r = p.accord(args)
            #expect(r.status == 64, "\(args): \(r)")
            #expect(r.errorCode == "usage", "\(args): \(r)")
            #expect(r.stderr.hasPrefix("accord: "), "\(args): \(r)")
            #expect(r.stderr.filter { $0 == "\n" }.count == 1, "\(args): one line: \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(p.accord("apply", "values").stderr.contains("accord apply --help"))
    }
}
