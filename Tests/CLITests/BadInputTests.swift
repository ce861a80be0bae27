import Foundation
import Store
import Testing

/// Bad input: each refused with a one-line error naming its code, a
/// non-zero exit, and nothing written.
@Suite struct BadInputTests {
    @Test(arguments: [
        ["status"], ["codings"], ["log"], ["verify"], ["rebuild"], ["doc", "list"], ["code", "list"], ["member", "list"],
        ["--as", "alice", "apply", "values", "lumen", "--span", "0:5"], ["--as", "lena", "code", "add", "x"], ["key", "list"],
    ])
    func notAnAccordProject(_ args: [String]) throws {
        let folder = try Project.emptyFolder()
        let r = run(args, in: folder.dir)
        expectError(r, "not_a_project", mentions: ["accord init"])
        #expect(!FileManager.default.fileExists(atPath: folder.dir.appendingPathComponent(".accord").path), "nothing is created")
    }

    @Test func unknownAs() throws {
        let p = try Project.make()
        try p.expectNothingWritten {
            let r = p.accord("--as", "mallory", "apply", "values", "lumen", "--span", "0:5")
            expectError(r, "unknown_key", mentions: ["mallory", "alice, bob, lena"])
            expectError(p.accord("--as", "mallory", "code", "add", "x"), "unknown_key")
            expectError(p.accord("done", "lumen", "--as", "mallory"), "unknown_key")
        }
    }

    /// An unknown `--as` on a read command is refused too: read silently as
    /// nobody, a mistyped name would also lift blind coding (a coder typing
    /// `--as bobb` sees every other coder's codings).
    @Test func unknownAsOnReadCommands() throws {
        let p = try Project.make()
        try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        for command in [["codings"], ["doc", "show", "lumen"], ["status"], ["log"]] {
            expectError(p.accord(["--as", "bobb"] + command), "unknown_key", mentions: ["bobb"])
            expectError(p.accord(command, env: ["ACCORD_AS": "bobb"]), "unknown_key", mentions: ["bobb"])
        }
    }

    @Test func aFileThatIsNotUTF8() throws {
        let p = try Project.make()
        try p.write("latin1.txt", Data([0x43, 0x61, 0x66, 0xE9, 0x0A]))  // "Café" in Latin-1
        try p.write("utf16.txt", Data([0xFF, 0xFE, 0x41, 0x00, 0x42, 0x00]))
        try p.expectNothingWritten {
            expectError(p.accord("--as", "lena", "doc", "add", "latin1.txt"), "not_utf8", mentions: ["latin1", "UTF-8"])
            expectError(p.accord("--as", "lena", "doc", "add", "utf16.txt"), "not_utf8")
        }
    }

    @Test func anEmptyFile() throws {
        let p = try Project.make()
        try p.write("empty.txt", Data())
        try p.write("bom.txt", Data([0xEF, 0xBB, 0xBF]))
        try p.expectNothingWritten {
            expectError(p.accord("--as", "lena", "doc", "add", "empty.txt"), "empty_file", mentions: ["empty"])
            expectError(p.accord("--as", "lena", "doc", "add", "bom.txt"), "empty_file")
        }
    }

    @Test func aDocumentAlreadyAdded() throws {
        let p = try Project.make()
        try p.write("copy.txt", Corpus.lumen)
        // The same text with CRLF line ends is the same document once normalised.
        try p.write("crlf.txt", Corpus.lumen.replacingOccurrences(of: "\n", with: "\r\n"))
        let lumenID = try #require(try p.json("doc", "show", "lumen")["id"]?.stringValue)
        try p.expectNothingWritten {
            expectError(p.accord("--as", "lena", "doc", "add", "copy.txt"), "duplicate_document",
                        mentions: ["`lumen`", String(lumenID.prefix(12))])
            expectError(p.accord("--as", "lena", "doc", "add", "crlf.txt", "--title", "Lumen (Windows)"), "duplicate_document",
                        mentions: ["`lumen`"])
        }
    }

    /// `doc add A B` where B is refused must add nothing, A included: the
    /// DESIGN says "nothing is written" on any refusal.
    @Test func docAddOfSeveralFilesIsAllOrNothing() throws {
        let p = try Project.make()
        try p.write("fresh1.txt", "A fresh document.\n")
        try p.write("fresh2.txt", "Another fresh document.\n")
        try p.write("copy.txt", Corpus.lumen)
        try p.write("latin1.txt", Data([0x43, 0x61, 0x66, 0xE9, 0x0A]))
        try p.write("twin1.txt", "Twins.\n")
        try p.write("twin2.txt", "Twins.\n")
        try p.expectNothingWritten("doc add fresh1.txt copy.txt") {
            expectError(p.accord("--as", "lena", "doc", "add", "fresh1.txt", "copy.txt"), "duplicate_document", mentions: ["lumen"])
        }
        try p.expectNothingWritten("doc add fresh2.txt latin1.txt") {
            expectError(p.accord("--as", "lena", "doc", "add", "fresh2.txt", "latin1.txt"), "not_utf8")
        }
        try p.expectNothingWritten("doc add twin1.txt twin2.txt") {
            expectError(p.accord("--as", "lena", "doc", "add", "twin1.txt", "twin2.txt"), "duplicate_document", mentions: ["twin1"])
        }
        let titles = (try p.json("doc", "list")["documents"]?.items ?? []).compactMap { $0["title"]?.stringValue }
        #expect(titles == ["northwind", "lumen", "unicode"], "no document of a refused `doc add` is added")
    }

    @Test func spansOutsideTheDocumentOrEmpty() throws {
        let p = try Project.make()
        let length = Corpus.lumen.unicodeScalars.count
        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "apply", "values", "lumen", "--span", "0:\(length + 1)"), "span_out_of_range",
                        mentions: ["lumen", "\(length)"])
            expectError(p.accord("--as", "alice", "apply", "values", "lumen", "--span", "500:600"), "span_out_of_range")
            expectError(p.accord("--as", "alice", "apply", "values", "lumen", "--span", "5:5"), "empty_span", mentions: ["5:5"])
            expectError(p.accord("--as", "alice", "apply", "values", "lumen", "--span", "9:3"), "empty_span")
            expectError(p.accord("--as", "alice", "apply", "values", "lumen", "--span=-1:3"), "bad_span")
        }
        // The last scalar is inside.
        try p.apply("values", "lumen", as: "alice", "--span", "\(length - 1):\(length)")
    }

    @Test func quotesNotFoundOrFoundTwice() throws {
        let p = try Project.make()
        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "apply", "values", "northwind", "--quote", "harmless"), "quote_not_found",
                        mentions: ["northwind"])
            expectError(p.accord("--as", "alice", "apply", "values", "northwind", "--quote", "Helpful and"), "quote_not_found")
            expectError(p.accord("--as", "alice", "apply", "values", "northwind", "--quote", "helpful"), "quote_ambiguous",
                        mentions: ["2 times", "33:40", "101:108"])
        }
    }

    @Test func unknownOrRetiredCodesAndUnknownDocuments() throws {
        let p = try Project.make()
        p.must("--as", "lena", "code", "retire", "data/red-teaming")
        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "apply", "values/kindness", "lumen", "--span", "0:5"), "unknown_code",
                        mentions: ["values/kindness"])
            expectError(p.accord("--as", "alice", "apply", "data/red-teaming", "lumen", "--span", "0:5"), "retired_code",
                        mentions: ["data/red-teaming"])
            expectError(p.accord("--as", "alice", "apply", "values", "the-missing-doc", "--span", "0:5"), "unknown_document",
                        mentions: ["the-missing-doc"])
            expectError(p.accord("--as", "alice", "done", "the-missing-doc"), "unknown_document")
            expectError(p.accord("--as", "lena", "doc", "retire", "the-missing-doc"), "unknown_document")
            expectError(p.accord("--as", "lena", "code", "rename", "nope", "x"), "unknown_code")
        }
    }

    @Test(arguments: ["yesterday", "2026-13-45", "2026-02-30T25:00:00Z", "12:00", "now", "0x1234"])
    func malformedAt(_ at: String) throws {
        let p = try Project.make()
        let project = try #require(try p.status()["project"]?.stringValue)
        for command in [["status"], ["codings"], ["log"], ["doc", "list"], ["doc", "show", "lumen"], ["code", "list"], ["member", "list"],
                        ["show", project]] {
            expectError(p.accord(command + ["--at", at]), "bad_moment", mentions: [at])
        }
    }

    /// Each bad CSV: refused with the line number, nothing imported (the
    /// good rows before the bad one included).
    @Test(arguments: [
        ("document,start,end,code\nlumen,0,5,values\nlumen,x,9,values\n", "bad_csv", "line 3"),
        ("document,start,end,code\nlumen,0,5,values\nlumen,0,9\n", "bad_csv", "line 3"),
        ("document,start,end,code\nlumen,0,5,values\nlumen,0,5,values\nlumen,0,5,values/kindness\n", "unknown_code", "line 4"),
        ("document,start,end,code\nlumen,0,5,values\nlumen,0,500,values\n", "span_out_of_range", "line 3"),
        ("document,start,end,code\nlumen,0,5,values\nlumen,5,5,values\n", "empty_span", "line 3"),
        ("document,start,end,code\nlumen,0,5,values\nnowhere,0,5,values\n", "unknown_document", "line 3"),
        ("doc,from,to,code\nlumen,0,5,values\n", "bad_csv", "line 1"),
        ("document,start,end,code\nlumen,0,5,values\n\"lumen,0,5,values\n", "bad_csv", "line 3"),
        ("coder,document,start,end,code\nalice,lumen,0,5,values\nmallory,lumen,0,5,values\n", "unknown_key", "line 3"),
    ])
    func importWithABadRowImportsNothing(_ csv: String, _ code: String, _ line: String) throws {
        let p = try Project.make()
        try p.write("bad.csv", csv)
        try p.expectNothingWritten("import \(csv.debugDescription)") {
            expectError(p.accord("--as", "alice", "import", "codings", "bad.csv"), code, mentions: [line])
        }
        #expect(try p.codings().isEmpty)
    }

    @Test func importOfANonUTF8File() throws {
        let p = try Project.make()
        try p.write("bad.csv", Data("document,start,end,code\nlumen,0,5,caf".utf8) + Data([0xE9, 0x0A]))
        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "import", "codings", "bad.csv"), "not_utf8")
            expectError(p.accord("--as", "alice", "import", "codings", "missing.csv"), "unreadable_file")
        }
    }
}
