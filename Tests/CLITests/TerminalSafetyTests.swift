import Foundation
import Store
import Testing

/// Text that came from events (memos, titles, code and member names) is
/// shown escaped in every readable output, and exactly as stored in JSON:
/// an ESC sequence must not reach the terminal, nor a newline forge a line.
@Suite struct TerminalSafetyTests {
    static let hostile = "Evil\u{1b}[2J\nforged line\u{202e}"
    /// How the readable outputs show it.
    static let shown = #"Evil\u{1b}[2J\nforged line\u{202e}"#

    /// A project with the hostile text in a memo, a document title, a code
    /// name and description, and a member name.
    func hostileProject() throws -> (Project, memo: String) {
        let p = try Project.make()
        let lumen = try #require(try p.json("doc", "show", "lumen")["id"]?.stringValue)
        let store = try Store(directory: p.dir.appendingPathComponent(".accord"))
        let memo = try store.append(Action(.memoAdded, ["document": .string(lumen), "text": .string(Self.hostile)]),
                                    by: store.keyring.key("lena"))
        try p.write("evil.txt", "A document with a hostile title.\n")
        p.must("--as", "lena", "doc", "add", "evil.txt", "--title", Self.hostile)
        p.must("--as", "lena", "code", "add", Self.hostile, "--description", Self.hostile)
        let key = p.must("key", "new", "mallory").out
        p.must("--as", "lena", "member", "add", Self.hostile, "--key", key, "--role", "coder")
        try p.apply(Self.hostile, Self.hostile, as: "alice", "--span", "0:5")
        return (p, memo.id)
    }

    func expectSafe(_ r: ProcessResult, _ what: String, mustShow: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.ok, "\(what): \(r)", sourceLocation: sourceLocation)
        for output in [r.stdout, r.stderr] {
            let unsafe = output.unicodeScalars.filter { $0 != "\n" && TerminalSafetyTests.isControl($0) }
            #expect(unsafe.isEmpty, "\(what) prints control characters \(unsafe.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
            #expect(!output.contains("\nforged line"), "\(what) lets a newline from an event start a line", sourceLocation: sourceLocation)
        }
        if mustShow { #expect(r.stdout.contains(Self.shown), "\(what) shows the text escaped:\n\(r.stdout)", sourceLocation: sourceLocation) }
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }

    @Test func readableOutputsEscapeControlCharacters() throws {
        let (p, memo) = try hostileProject()
        expectSafe(p.accord("log"), "log")
        expectSafe(p.accord("show", memo), "show")
        expectSafe(p.accord("doc", "list"), "doc list")
        expectSafe(p.accord("--as", "lena", "doc", "show", Self.hostile), "doc show")
        expectSafe(p.accord("code", "list"), "code list")
        expectSafe(p.accord("member", "list"), "member list")
        expectSafe(p.accord("--as", "lena", "codings"), "codings")
        expectSafe(p.accord("key", "list"), "key list", mustShow: false)
        expectSafe(p.accord("--as", "lena", "agreement", "--include-unfinished", "--coders", "alice,bob"), "agreement")
        // The log's line for the memo is one line, with the text escaped.
        let memoLine = try #require(p.must("log").lines.first { $0.contains("memo:") })
        #expect(memoLine.contains(#"memo: Evil\u{1b}[2J\nforged line\u{202e}"#))
    }

    @Test func errorsEscapeWhatTheyQuote() throws {
        let (p, _) = try hostileProject()
        let r = p.accord("--as", "lena", "doc", "retire", Self.hostile + "x")
        expectError(r, "unknown_document")
        #expect(!r.stderr.contains("\u{1b}"))
    }

    /// JSON keeps the text exactly: its own escaping makes it safe.
    @Test func jsonIsExact() throws {
        let (p, memo) = try hostileProject()
        let line = try #require(p.must("log", "--json").lines.first { $0.contains(memo) })
        #expect(try JSONParser.parse(line)["body"]?["text"]?.stringValue == Self.hostile)
        #expect(try JSONParser.parse(p.must("show", memo, "--json").out)["body"]?["text"]?.stringValue == Self.hostile)
        #expect(try p.json("doc", "list")["documents"]?.items.contains { $0["title"]?.stringValue == Self.hostile } == true)
        #expect(try p.codings().first?["code"]?.stringValue == Self.hostile)
    }
}
