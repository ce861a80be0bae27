import Foundation
import Store
import Testing

/// doc add | list | show | retire.
@Suite struct DocumentCommandTests {
    @Test func docAddSeveralFilesWithMeta() throws {
        let p = try Project.make()
        try p.write("in/report-2024.txt", "A report about preference data.\n")
        try p.write("in/charter.md", "A charter about harmlessness.\n")
        let r = p.must("--as", "lena", "doc", "add", "in/report-2024.txt", "in/charter.md", "--meta", "source=web", "--meta", "year=2024")
        #expect(r.lines.count == 2, "one line per document: \(r.stdout)")
        #expect(r.stdout.contains("report-2024"))
        #expect(r.stdout.contains("charter"))

        let docs = try p.json("doc", "list")["documents"]?.items ?? []
        #expect(docs.map { $0["title"]?.stringValue ?? "" } == ["northwind", "lumen", "unicode", "report-2024", "charter"])
        let report = try #require(docs.first { $0["title"] == "report-2024" })
        #expect(report["length"] == 32)
        #expect(report["meta"] == ["source": "web", "year": "2024"])
        #expect(report["retired"] == false)
        #expect(report["done_by"] == [])
        #expect(isHexID(report["id"]?.stringValue))
        #expect(isHexID(report["sha256"]?.stringValue))
        #expect(report["time"]?.stringValue?.hasSuffix("Z") == true)
        #expect(try p.status()["documents"] == 5)
    }

    @Test func docAddWithTitle() throws {
        let p = try Project.make()
        try p.write("x.txt", "Orbit's FAQ says the model will say when it is unsure.\n")
        p.must("--as", "lena", "doc", "add", "x.txt", "--title", "Orbit FAQ", "--meta", "lang=en")
        let doc = try #require(try p.json("doc", "list")["documents"]?.items.last)
        #expect(doc["title"] == "Orbit FAQ")
        #expect(doc["meta"] == ["lang": "en"])
        // The document is named by its title from then on.
        try p.apply("values/honesty", "Orbit FAQ", as: "alice", "--quote", "say when it is unsure")
        // --title with several files is refused before anything is written.
        try p.write("y.txt", "Another one.\n")
        try p.write("z.txt", "And another.\n")
        try p.expectNothingWritten {
            expectError(p.accord("--as", "lena", "doc", "add", "y.txt", "z.txt", "--title", "T"), "bad_title")
            expectError(p.accord("--as", "lena", "doc", "add", "y.txt", "--meta", "novalue"), "bad_meta")
            expectError(p.accord("--as", "lena", "doc", "add", "missing.txt"), "unreadable_file", mentions: ["missing.txt"])
        }
    }

    @Test func docListTableAndDoneBy() throws {
        let p = try Project.make()
        p.must("--as", "alice", "done", "lumen")
        let table = p.must("doc", "list")
        #expect(table.lines.first?.hasPrefix("TITLE") == true)
        let lumenLine = try #require(table.lines.first { $0.hasPrefix("lumen") })
        #expect(lumenLine.contains("alice"))
        let docs = try p.json("doc", "list")["documents"]?.items ?? []
        #expect(docs.first { $0["title"] == "lumen" }?["done_by"] == ["alice"])
    }

    @Test func docShowPrintsTextAndCodings() throws {
        let p = try Project.make()
        try p.apply("values/honesty", "northwind", as: "lena", "--quote", "honest")
        let shown = p.must("doc", "show", "northwind")
        #expect(shown.stdout.contains(Corpus.northwind.trimmingCharacters(in: .newlines)))
        #expect(shown.stdout.contains("values/honesty"))
        let json = try p.json("doc", "show", "northwind")
        #expect(json["title"] == "northwind")
        #expect(json["text"]?.stringValue == Corpus.northwind)
        #expect(json["length"]?.intValue == Int64(Corpus.northwind.unicodeScalars.count))
        #expect(json["codings"]?.count == 1)
        #expect(json["codings"]?[0]?["start"] == 45)
        #expect(json["codings"]?[0]?["end"] == 51)
        #expect(json["hidden"] == 0)
        // By id as well as by title.
        let id = try #require(json["id"]?.stringValue)
        #expect(try p.json("doc", "show", id)["title"] == "northwind")
        expectError(p.accord("doc", "show", "nowhere"), "unknown_document", mentions: ["nowhere"])
    }

    @Test func docAddNormalisesLineEndsAndUnicode() throws {
        let p = try Project.make()
        let json = try p.json("doc", "show", "unicode")
        #expect(json["text"]?.stringValue == Corpus.unicodeStored, "stored as LF and NFC")
        #expect(json["length"] == 39, "length in Unicode scalars")
        #expect(Corpus.unicodeStored.unicodeScalars.count == 39)
    }

    @Test func docRetire() throws {
        let p = try Project.make()
        let id = try #require(try p.json("doc", "show", "lumen")["id"]?.stringValue)
        try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        let r = p.must("--as", "lena", "doc", "retire", "lumen")
        #expect(r.stdout.contains("lumen"))
        let docs = try p.json("doc", "list")["documents"]?.items ?? []
        #expect(!docs.contains { $0["title"] == "lumen" })
        let all = try p.json("doc", "list", "--all")["documents"]?.items ?? []
        #expect(all.first { $0["id"]?.stringValue == id }?["retired"] == true)
        #expect(p.must("doc", "list", "--all").stdout.contains("lumen (retired)"))
        #expect(try p.status()["documents"] == 2)
        // No new codings on it; a second retire is refused.
        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "apply", "values", "lumen", "--span", "0:5"), "retired_document", mentions: ["lumen"])
            expectError(p.accord("--as", "lena", "doc", "retire", "lumen"), "retired_document")
        }
        #expect(try p.lastEvent(ofType: "document.retired")["body"]?["document"]?.stringValue == id)
    }
}
