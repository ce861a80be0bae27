import Foundation
import Store
import Testing

/// apply, unapply, import codings, done, codings.
@Suite struct CodingCommandTests {
    /// The scalars of the stored unicode document between two offsets.
    func slice(_ start: Int64?, _ end: Int64?) -> String {
        let scalars = Array(Corpus.unicodeStored.unicodeScalars)
        guard let start, let end, start >= 0, end <= scalars.count, start < end else { return "<bad span>" }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[Int(start)..<Int(end)])
        return String(s)
    }

    @Test func applyBySpanInUnicodeScalars() throws {
        let p = try Project.make()
        // "Café 😀 naïve": é and 😀 are one scalar each, so "😀" is 5:6.
        let id = try p.apply("values", "unicode", as: "alice", "--span", "5:6")
        #expect(isHexID(id), "apply prints the coding id alone: \(id)")
        let c = try #require(try p.codings().first { $0["id"]?.stringValue == id })
        #expect(c["start"] == 5)
        #expect(c["end"] == 6)
        #expect(slice(5, 6) == "\u{1F600}")
        // The whole text is 0:39; 0:40 is outside.
        try p.apply("values", "unicode", as: "alice", "--span", "0:39")
        expectError(p.accord("--as", "alice", "apply", "values", "unicode", "--span", "0:40"), "span_out_of_range", mentions: ["39"])
    }

    @Test func applyByQuoteCountsScalars() throws {
        let p = try Project.make()
        for (quote, start, end) in [("naïve", 7, 12), ("\u{1F600}", 5, 6), ("\u{1F469}\u{200D}\u{1F4BB} hier", 29, 37), ("Café", 0, 4)] {
            let id = try p.apply("values", "unicode", as: "alice", "--quote", quote)
            let c = try #require(try p.codings().first { $0["id"]?.stringValue == id })
            #expect(c["start"]?.intValue == Int64(start), "quote \(quote)")
            #expect(c["end"]?.intValue == Int64(end), "quote \(quote)")
            #expect(slice(c["start"]?.intValue, c["end"]?.intValue) == quote.precomposedStringWithCanonicalMapping)
        }
        // A quote typed decomposed (e + U+0301) finds the NFC text.
        let id = try p.apply("values/honesty", "unicode", as: "bob", "--quote", "Cafe\u{301} \u{1F600}")
        let c = try #require(try p.codings().first { $0["id"]?.stringValue == id })
        #expect(c["start"] == 0)
        #expect(c["end"] == 6)
    }

    @Test func applyByParagraphCountsFromOne() throws {
        let p = try Project.make()
        let expected: [(String, Int, Int)] = [("unicode", 0, 12), ("unicode", 14, 38)]
        for (n, (doc, start, end)) in expected.enumerated() {
            let id = try p.apply("values", doc, as: "alice", "--paragraph", String(n + 1))
            let c = try #require(try p.codings().first { $0["id"]?.stringValue == id })
            #expect(c["start"]?.intValue == Int64(start), "paragraph \(n + 1)")
            #expect(c["end"]?.intValue == Int64(end), "paragraph \(n + 1)")
        }
        #expect(slice(14, 38) == "Zweiter Absatz \u{1F469}\u{200D}\u{1F4BB} hier.")
        // northwind's three paragraphs are separated by blank lines.
        let text = Corpus.northwind
        for (n, paragraph) in ["Northwind trains its model to be helpful and honest.",
                               "Annotators rank pairs of answers; the model is helpful.",
                               "An internal red team of twelve people tests it."].enumerated() {
            let id = try p.apply("data", "northwind", as: "bob", "--paragraph", String(n + 1))
            let c = try #require(try p.codings().first { $0["id"]?.stringValue == id })
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex,
                                                     to: try #require(text.range(of: paragraph)).lowerBound)
            #expect(c["start"]?.intValue == Int64(start))
            #expect(c["end"]?.intValue == Int64(start + paragraph.unicodeScalars.count))
        }
        try p.expectNothingWritten {
            expectError(p.accord("--as", "bob", "apply", "data", "northwind", "--paragraph", "4"), "span_out_of_range",
                        mentions: ["3 paragraphs"])
            expectError(p.accord("--as", "bob", "apply", "data", "northwind", "--paragraph", "0"), "span_out_of_range")
        }
    }

    @Test func applyJSONPrintsTheCodingID() throws {
        let p = try Project.make()
        let r = p.must("--as", "alice", "apply", "values/honesty", "lumen", "--quote", "never deceive", "--json")
        let json = try r.json()
        let id = try #require(json["coding"]?.stringValue)
        #expect(isHexID(id))
        #expect(json.count == 1)
        let event = try p.lastEvent(ofType: "segment.coded")
        #expect(event["id"]?.stringValue == id, "a coding's id is its segment.coded event's id")
        #expect(event["body"]?["start"] == 28)
        #expect(event["body"]?["end"] == 41)
        // Exactly one anchor.
        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "apply", "values", "lumen"), "bad_anchor")
            expectError(p.accord("--as", "alice", "apply", "values", "lumen", "--span", "0:3", "--paragraph", "1"), "bad_anchor")
            expectError(p.accord("--as", "alice", "apply", "values", "lumen", "--span", "3"), "bad_span")
        }
    }

    @Test func unapplyRemovesOnesOwnCoding() throws {
        let p = try Project.make()
        let keep = try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        let gone = try p.apply("data", "lumen", as: "alice", "--span", "6:10")
        let r = p.must("--as", "alice", "unapply", gone)
        #expect(r.stdout.contains(gone))
        #expect(try p.codings().compactMap { $0["id"]?.stringValue } == [keep])
        #expect(try p.lastEvent(ofType: "segment.uncoded")["body"]?["coding"]?.stringValue == gone)
        // A unique prefix of 8+ digits is enough.
        p.must("--as", "alice", "unapply", String(keep.prefix(10)))
        #expect(try p.codings().isEmpty)
        #expect(try p.status()["codings"] == 0)
        try p.expectNothingWritten {
            expectError(p.accord("--as", "alice", "unapply", keep), "unknown_coding", mentions: ["already removed"])
            expectError(p.accord("--as", "alice", "unapply", "0123456789abcdef"), "unknown_coding")
        }
    }

    @Test func importCodingsWithoutCoderColumn() throws {
        let p = try Project.make()
        let csv = """
            document,start,end,code
            northwind,0,9,values
            lumen,20,33,values/honesty
            "unicode",5,6,"data/synthetic data"

            """
        try p.write("codings.csv", csv)
        let r = p.must("--as", "alice", "import", "codings", "codings.csv")
        #expect(r.stdout.contains("imported 3"))
        let codings = try p.codings()
        #expect(codings.count == 3)
        #expect(codings.allSatisfy { $0["coder"] == "alice" }, "every row is by --as")
        let spans = Set(codings.map { "\($0["document"]!.stringValue!) \($0["start"]!.intValue!):\($0["end"]!.intValue!) \($0["code"]!.stringValue!)" })
        #expect(spans == ["northwind 0:9 values", "lumen 20:33 values/honesty", "unicode 5:6 data/synthetic data"])
    }

    @Test func importCodingsWithCoderColumnAndCRLF() throws {
        let p = try Project.make()
        let csv = "\u{FEFF}Coder,Document,Start,End,Code\r\nalice,northwind,0,9,values\r\nbob,northwind,0,9,values\r\nbob,lumen,0,5,data\r\n"
        try p.write("codings.csv", csv)
        p.must("--as", "lena", "import", "codings", "codings.csv")
        let codings = try p.codings()
        #expect(codings.count == 3)
        #expect(codings.filter { $0["coder"] == "alice" }.count == 1)
        #expect(codings.filter { $0["coder"] == "bob" }.count == 2)
        // Each coder's events are signed by their own key, in their own chain.
        let heads = try p.status()["heads"]
        #expect(heads?[p.keys["alice"]!] == 1)
        #expect(heads?[p.keys["bob"]!] == 2)
    }

    @Test func doneMarksADocumentFinished() throws {
        let p = try Project.make()
        let r = p.must("--as", "bob", "done", "northwind")
        #expect(r.stdout.contains("northwind"))
        let event = try p.lastEvent(ofType: "document.done")
        #expect(event["author"]?.stringValue == p.keys["bob"])
        let docs = try p.json("doc", "list")["documents"]?.items ?? []
        #expect(docs.first { $0["title"] == "northwind" }?["done_by"] == ["bob"])
        #expect(docs.first { $0["title"] == "lumen" }?["done_by"] == [])
        expectError(p.accord("--as", "bob", "done", "nothing-here"), "unknown_document")
    }

    @Test func codingsJSONFieldsAndFilters() throws {
        let p = try Project.make()
        let a1 = try p.apply("values/honesty", "northwind", as: "alice", "--quote", "honest")
        let a2 = try p.apply("data", "lumen", as: "alice", "--quote", "synthetic")
        let b1 = try p.apply("values/honesty", "lumen", as: "bob", "--quote", "never deceive users")
        let l1 = try p.apply("values/helpfulness", "northwind", as: "lena", "--paragraph", "2")

        let all = try p.codings()
        #expect(Set(all.compactMap { $0["id"]?.stringValue }) == [a1, a2, b1, l1])
        let c = try #require(all.first { $0["id"]?.stringValue == a1 })
        #expect(c["coder"] == "alice", "coder is the member's name")
        #expect(c["document"] == "northwind", "document is its title")
        #expect(c["code"] == "values/honesty", "code is its path")
        #expect(c["start"] == 45)
        #expect(c["end"] == 51)
        let time = try #require(c["time"]?.stringValue)
        #expect(ISOTime.parse(time) != nil, "time is ISO-8601: \(time)")
        #expect(time.hasSuffix("Z"))
        let event = try #require(try p.events().first { $0["id"]?.stringValue == a1 })
        #expect(ISOTime.parse(time) == event["time"]?.intValue, "time is the event's time")

        func ids(_ filters: String...) throws -> Set<String> {
            let r = p.accord(["--as", "lena", "codings", "--json"] + filters)
            try #require(r.ok, "\(r)")
            return Set((try r.json()["codings"]?.items ?? []).compactMap { $0["id"]?.stringValue })
        }
        #expect(try ids("--coder", "alice") == [a1, a2])
        #expect(try ids("--coder", "bob") == [b1])
        #expect(try ids("--doc", "lumen") == [a2, b1])
        #expect(try ids("--code", "values/honesty") == [a1, b1])
        #expect(try ids("--code", "values/honesty", "--coder", "bob") == [b1])
        #expect(try ids("--doc", "northwind", "--code", "values/helpfulness") == [l1])

        // The table.
        let table = p.must("--as", "lena", "codings", "--doc", "northwind")
        #expect(table.lines.first?.hasPrefix("CODING") == true)
        #expect(table.lines.count == 4)
        #expect(table.stdout.contains("45:51"))
        #expect(table.stdout.contains(String(a1.prefix(12))))

        expectError(p.accord("codings", "--coder", "zed"), "unknown_member", mentions: ["zed"])
        expectError(p.accord("codings", "--doc", "zed"), "unknown_document")
        expectError(p.accord("codings", "--code", "zed"), "unknown_code")
    }
}

@Suite struct NamingTests {
    /// A code by path or id, a document by title or id.
    @Test func codesAndDocumentsByID() throws {
        let p = try Project.make()
        let code = try #require(try p.json("code", "list")["codes"]?.items.first { $0["path"] == "values/honesty" }?["id"]?.stringValue)
        let doc = try #require(try p.json("doc", "show", "lumen")["id"]?.stringValue)
        let id = try p.apply(code, doc, as: "alice", "--span", "0:5")
        let c = try #require(try p.codings("--code", code, "--doc", doc).first)
        #expect(c["id"]?.stringValue == id)
        #expect(c["code"] == "values/honesty")
        #expect(c["document"] == "lumen")
        #expect(c["code_id"]?.stringValue == code)
        #expect(c["document_id"]?.stringValue == doc)
    }
}
