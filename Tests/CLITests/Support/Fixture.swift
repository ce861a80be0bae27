import Foundation
import Store
import Testing

/// The texts of the fixture's documents, as written to disk.
enum Corpus {
    /// Three paragraphs; "helpful" occurs twice.
    static let northwind = """
        Northwind trains its model to be helpful and honest.

        Annotators rank pairs of answers; the model is helpful.

        An internal red team of twelve people tests it.

        """
    static let lumen = "Lumen says its model should never deceive users.\nMost of its fine-tuning data is synthetic.\n"
    /// CRLF line ends and a decomposed "é" (e + U+0301): stored as LF and
    /// NFC, so "é" is one scalar; the emoji are one scalar (😀) and three
    /// (👩 ZWJ 💻).
    static let unicodeRaw = "Cafe\u{301} \u{1F600} naïve\r\n\r\nZweiter Absatz \u{1F469}\u{200D}\u{1F4BB} hier.\r\n"
    static let unicodeStored = "Café \u{1F600} naïve\n\nZweiter Absatz \u{1F469}\u{200D}\u{1F4BB} hier.\n"
}

/// A project built once (lena the lead, alice and bob coders, a small
/// codebook, three documents) and copied into a fresh folder per test, so
/// tests are independent and can run in parallel.
final class Project: @unchecked Sendable {
    /// The folder holding `.accord`.
    let dir: URL
    let keys: [String: String]

    var store: URL { dir.appendingPathComponent(".accord/store.sqlite") }

    private init(dir: URL, keys: [String: String]) {
        self.dir = dir
        self.keys = keys
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// A fresh empty folder (no project), removed when the value goes away.
    static func emptyFolder() throws -> Project {
        Project(dir: try newFolder(), keys: [:])
    }

    private static func newFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("accord-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.resolvingSymlinksInPath()
    }

    /// A copy of the fixture project in a folder of its own.
    static func make() throws -> Project {
        let template = try Project.template.get()
        let project = Project(dir: try newFolder(), keys: template.keys)
        for item in try FileManager.default.contentsOfDirectory(atPath: template.dir.path) {
            try FileManager.default.copyItem(at: template.dir.appendingPathComponent(item), to: project.dir.appendingPathComponent(item))
        }
        return project
    }

    private struct Template: Sendable {
        var dir: URL
        var keys: [String: String]
    }

    private static let template: Result<Template, FixtureError> = {
        do { return .success(try buildTemplate()) } catch let error as FixtureError { return .failure(error) } catch {
            return .failure(FixtureError("\(error)"))
        }
    }()

    /// Where the template lives for this test process; removed at exit.
    static let templatePath = FileManager.default.temporaryDirectory
        .appendingPathComponent("accord-cli-template-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        .resolvingSymlinksInPath().path

    private static func buildTemplate() throws -> Template {
        guard AccordBinary.exists else { throw FixtureError(AccordBinary.missingMessage) }
        let dir = URL(fileURLWithPath: templatePath)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: Project.templatePath) }
        func must(_ args: [String]) throws -> ProcessResult {
            let r = try RunningProcess(executable: AccordBinary.url, args, in: dir, env: [:], stdin: nil).wait()
            guard r.ok else { throw FixtureError("fixture step `accord \(args.joined(separator: " "))` failed: \(r)") }
            return r
        }
        var keys: [String: String] = [:]
        _ = try must(["init", "--name", "northwind audit", "--as", "lena"])
        keys["lena"] = try must(["key", "list", "--json"]).json()["keys"]?[0]?["key"]?.stringValue
        for name in ["alice", "bob"] {
            keys[name] = try must(["key", "new", name]).out
            _ = try must(["--as", "lena", "member", "add", name, "--key", keys[name]!, "--role", "coder"])
        }
        for code in [
            ["values", "--description", "What the developer says the model should hold"],
            ["helpfulness", "--parent", "values"], ["honesty", "--parent", "values"],
            ["data"], ["red-teaming", "--parent", "data"], ["synthetic data", "--parent", "data", "--color", "#0a0"],
        ] {
            _ = try must(["--as", "lena", "code", "add"] + code)
        }
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data(Corpus.northwind.utf8).write(to: corpus.appendingPathComponent("northwind.txt"))
        try Data(Corpus.lumen.utf8).write(to: corpus.appendingPathComponent("lumen.txt"))
        try Data(Corpus.unicodeRaw.utf8).write(to: corpus.appendingPathComponent("unicode.txt"))
        _ = try must(["--as", "lena", "doc", "add", "corpus/northwind.txt", "corpus/lumen.txt", "corpus/unicode.txt"])
        return Template(dir: dir, keys: keys)
    }

    // MARK: running accord here

    /// `accord ARGS` in the project folder.
    @discardableResult
    func accord(_ args: String..., env: [String: String] = [:], stdin: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        run(args, in: dir, env: env, stdin: stdin, sourceLocation: sourceLocation)
    }

    @discardableResult
    func accord(_ args: [String], env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        run(args, in: dir, env: env, sourceLocation: sourceLocation)
    }

    /// `accord ARGS`, expected to succeed; its stdout.
    @discardableResult
    func must(_ args: String..., env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        let r = run(args, in: dir, env: env, sourceLocation: sourceLocation)
        #expect(r.status == 0, "accord \(args.joined(separator: " ")) failed: \(r)", sourceLocation: sourceLocation)
        return r
    }

    /// `accord ARGS --json`, expected to succeed, parsed.
    func json(_ args: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let r = run(args + ["--json"], in: dir, sourceLocation: sourceLocation)
        try #require(r.status == 0, "accord \(args.joined(separator: " ")) --json failed: \(r)", sourceLocation: sourceLocation)
        return try r.json(sourceLocation: sourceLocation)
    }

    /// Applies a code as someone; the new coding's id.
    @discardableResult
    func apply(_ code: String, _ doc: String, as who: String, _ anchor: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = run(["--as", who, "apply", code, doc] + anchor, in: dir, sourceLocation: sourceLocation)
        try #require(r.status == 0, "apply failed: \(r)", sourceLocation: sourceLocation)
        return r.out
    }

    /// Writes a file in the project folder; its path relative to it.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return name
    }

    // MARK: state

    /// `status --json`.
    func status(sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        try json("status", sourceLocation: sourceLocation)
    }

    /// The codings as the lead sees them (all of them).
    func codings(_ filters: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONValue] {
        let r = run(["--as", "lena", "codings", "--json"] + filters, in: dir, sourceLocation: sourceLocation)
        try #require(r.status == 0, "codings failed: \(r)", sourceLocation: sourceLocation)
        return try r.json(sourceLocation: sourceLocation)["codings"]?.items ?? []
    }

    /// Every event, parsed from `log --json`.
    func events(sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONValue] {
        let r = run(["log", "--json"], in: dir, sourceLocation: sourceLocation)
        try #require(r.status == 0, "log failed: \(r)", sourceLocation: sourceLocation)
        return try r.lines.map { try JSONParser.parse($0) }
    }

    /// The id of the newest event of a type.
    func lastEvent(ofType type: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        try #require(try events(sourceLocation: sourceLocation).last { $0["type"]?.stringValue == type },
                     "no \(type) event", sourceLocation: sourceLocation)
    }

    /// Runs `body` and checks that the store is exactly as before: the same
    /// number of events, heads and state digest.
    func expectNothingWritten(_ what: String = "", sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) throws {
        let before = try status(sourceLocation: sourceLocation)
        try body()
        let after = try status(sourceLocation: sourceLocation)
        #expect(after["events"] == before["events"], "\(what): events \(String(describing: before["events"])) → \(String(describing: after["events"]))", sourceLocation: sourceLocation)
        #expect(after["heads"] == before["heads"], "\(what): heads changed", sourceLocation: sourceLocation)
        #expect(after["state_digest"] == before["state_digest"], "\(what): state_digest changed", sourceLocation: sourceLocation)
    }
}

/// Checks the shape of a refusal: exit 1, nothing on stdout, one line on
/// stderr `accord: MESSAGE [code]`, mentioning each of `mentions`.
func expectError(_ r: ProcessResult, _ code: String, mentions: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
    guard r.status == 1, r.errorCode == code else {
        Issue.record("expected exit 1 with [\(code)] on stderr, got \(r)", sourceLocation: sourceLocation)
        return
    }
    let line = r.stderr.hasSuffix("\n") ? String(r.stderr.dropLast()) : r.stderr
    #expect(!line.contains("\n"), "the error should be one line: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(line.hasPrefix("accord: "), "the error should start `accord: `: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(line.count > "accord: [\(code)]".count + 10, "the error should say what is wrong: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stdout.isEmpty, "nothing should go to stdout on an error: \(r.stdout)", sourceLocation: sourceLocation)
    for m in mentions {
        #expect(line.contains(m), "the error should mention `\(m)`: \(r.stderr)", sourceLocation: sourceLocation)
    }
}

/// Hex of 64 digits.
func isHexID(_ s: String?) -> Bool {
    guard let s else { return false }
    return s.count == 64 && s.allSatisfy { "0123456789abcdef".contains($0) }
}
