import Foundation
import Store
import Testing

/// The outputs scripts rely on (DESIGN §8), byte for byte, on a replica of the
/// golden vectors: recorded once into `Fixtures/golden` and compared on every
/// run, so a restructuring of the CLI or the layers under it shows any change
/// it makes to what a user or a script sees.
@Suite struct GoldenOutputTests {
    /// One replica for every read: the reads change nothing, so they share it.
    static let replica: Result<GoldenStore, FixtureError> = {
        do { return .success(try GoldenStore.make()) } catch let error as FixtureError { return .failure(error) } catch {
            return .failure(FixtureError("\(error)"))
        }
    }()

    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var args: [String]
        /// The exit status: a refusal's stderr line is recorded too.
        var status: Int32 = 0
        var testDescription: String { "accord \(args.joined(separator: " ")) → \(fixture)" }
    }

    /// Before alice's first document.done: blind coding hides bob's codings from her.
    static let beforeDone = "2026-01-01T00:00:30Z"
    /// After every document.done, before the lead merges harmlessness into safety.
    static let beforeMerge = "2026-01-01T00:00:34Z"

    static let cases: [Case] = [
        // The JSON of DESIGN §8.
        Case(fixture: "status.json", args: ["status", "--json"]),
        Case(fixture: "status-at.json", args: ["status", "--json", "--at", beforeMerge]),
        Case(fixture: "codings-lead.json", args: ["--as", "lena", "codings", "--json"]),
        Case(fixture: "codings-coder.json", args: ["--as", "alice", "codings", "--json"]),
        Case(fixture: "codings-coder-blind.json", args: ["--as", "alice", "codings", "--json", "--at", beforeDone]),
        Case(fixture: "codings-coder-reveal.json", args: ["--as", "alice", "codings", "--json", "--at", beforeDone, "--reveal"]),
        Case(fixture: "codings-filtered.json", args: ["--as", "lena", "codings", "--json", "--coder", "bob", "--code", "values/safety"]),
        Case(fixture: "codings-document.json", args: ["codings", "--json", "--doc", "Data card", "--as", "bob"]),
        Case(fixture: "log.jsonl", args: ["log", "--json"]),
        Case(fixture: "log-filtered.jsonl", args: ["log", "--json", "--author", "bob", "--type", "segment.coded"]),
        Case(fixture: "log-at-event.jsonl", args: ["log", "--json", "--at", "4f6b037e"]),
        Case(fixture: "agreement.json", args: ["agreement", "--json"]),
        // lena coded too but finished nothing: comparing alice and bob counts both documents.
        Case(fixture: "agreement-pair.json", args: ["agreement", "--json", "--coders", "alice,bob"]),
        Case(fixture: "agreement-document.json", args: ["agreement", "--json", "--coders", "alice,bob", "--unit", "document"]),
        Case(fixture: "agreement-sentence.json", args: ["agreement", "--json", "--coders", "alice,bob", "--unit", "sentence"]),
        Case(fixture: "agreement-character.json", args: ["agreement", "--json", "--unit", "character"]),
        Case(fixture: "agreement-character-pair.json", args: ["agreement", "--json", "--coders", "alice,bob", "--unit", "character"]),
        Case(fixture: "agreement-segment.json", args: ["agreement", "--json", "--unit", "segment"]),
        Case(fixture: "agreement-segment-pair.json", args: ["agreement", "--json", "--coders", "alice,bob", "--unit", "segment"]),
        Case(fixture: "agreement-segment-50.json", args: ["agreement", "--json", "--coders", "alice,bob", "--unit", "segment", "--overlap", "50"]),
        Case(fixture: "agreement-at.json", args: ["agreement", "--json", "--at", beforeMerge]),
        Case(fixture: "agreement-group.json", args: ["agreement", "--json", "--group", "data", "--include-unfinished"]),
        // Other read commands' JSON.
        Case(fixture: "code-list.json", args: ["code", "list", "--json", "--all"]),
        Case(fixture: "doc-list.json", args: ["doc", "list", "--json", "--all"]),
        Case(fixture: "doc-show.json", args: ["--as", "lena", "doc", "show", "Model spec (excerpt)", "--json"]),
        Case(fixture: "doc-show-blind.json", args: ["--as", "bob", "doc", "show", "Data card", "--json", "--at", beforeDone]),
        Case(fixture: "key-list.json", args: ["key", "list", "--json"]),
        Case(fixture: "member-list.json", args: ["member", "list", "--json", "--all"]),
        Case(fixture: "conflicts.json", args: ["conflicts", "--json"]),
        // What people read.
        Case(fixture: "status.txt", args: ["status"]),
        Case(fixture: "codings-lead.txt", args: ["--as", "lena", "codings"]),
        Case(fixture: "codings-coder-blind.txt", args: ["--as", "alice", "codings", "--at", beforeDone]),
        Case(fixture: "log.txt", args: ["log"]),
        Case(fixture: "agreement.txt", args: ["agreement"]),
        Case(fixture: "agreement-pair.txt", args: ["agreement", "--coders", "alice,bob"]),
        Case(fixture: "agreement-segment.txt", args: ["agreement", "--coders", "alice,bob", "--unit", "segment"]),
        Case(fixture: "code-list.txt", args: ["code", "list", "--all"]),
        Case(fixture: "doc-list.txt", args: ["doc", "list", "--all"]),
        Case(fixture: "doc-show.txt", args: ["--as", "lena", "doc", "show", "Data card"]),
        Case(fixture: "member-list.txt", args: ["member", "list", "--all"]),
        Case(fixture: "show-coding.txt", args: ["show", "6bba2b7c"]),
        Case(fixture: "show-coding.json", args: ["show", "6bba2b7c", "--json"]),
        Case(fixture: "show-memo.txt", args: ["show", "4f6b037e"]),
        Case(fixture: "show-memo.json", args: ["show", "4f6b037e", "--json"]),
        Case(fixture: "verify.txt", args: ["verify"]),
        // Refusals: one line on stderr, exit 1.
        Case(fixture: "refused-unit.txt", args: ["agreement", "--unit", "word"], status: 1),
        Case(fixture: "refused-anchor.txt", args: ["--as", "alice", "apply", "values", "Data card"], status: 1),
        Case(fixture: "refused-span.txt", args: ["--as", "alice", "apply", "values", "Data card", "--span", "1-2"], status: 1),
        Case(fixture: "refused-moment.txt", args: ["codings", "--at", "yesterday"], status: 1),
        Case(fixture: "refused-key.txt", args: ["--as", "mallory", "status"], status: 1),
        Case(fixture: "refused-type.txt", args: ["log", "--type", "memo.deleted"], status: 1),
        Case(fixture: "refused-code.txt", args: ["--as", "alice", "apply", "values/kindness", "Data card", "--span", "0:4"], status: 1),
    ]

    @Test(arguments: cases)
    func readCommand(_ c: Case) throws {
        let replica = try Self.replica.get()
        let r = replica.accord(c.args)
        #expect(r.status == c.status, "\(r)")
        try GoldenFixtures.check(r.stdout, c.fixture)
        try GoldenFixtures.checkIfAny(r.stderr, c.fixture + ".stderr")
    }

    /// `apply … --json` prints `{"coding": id}` where id is the new event's
    /// id; the id depends on the time, so the fixture holds the shape.
    @Test func applyPrintsTheNewCodingsID() throws {
        let replica = try GoldenStore.make()
        let r = replica.accord(["--as", "alice", "apply", "values/transparency", "Model spec (excerpt)", "--paragraph", "2", "--json"])
        try #require(r.ok, "\(r)")
        let json = try r.json()
        let id = try #require(json["coding"]?.stringValue)
        #expect(isHexID(id))
        #expect(json.objectValue?.keys.sorted() == ["coding"])
        try GoldenFixtures.check(r.stdout.replacingOccurrences(of: id, with: "<coding>"), "apply.json")

        let log = replica.accord(["log", "--json"])
        #expect(log.lines.count == GoldenStore.vectorCount + 1)
        let newest = try JSONParser.parse(try #require(log.lines.last))
        #expect(newest["id"]?.stringValue == id, "the printed id is the new event's")
        #expect(newest["type"] == "segment.coded")
        #expect(newest["author"]?.stringValue == SigningKey(seed: GoldenStore.seeds["alice"]!).publicHex)

        // Without --json: the id alone.
        let plain = replica.accord(["--as", "bob", "apply", "values/transparency", "Model spec (excerpt)", "--paragraph", "2"])
        try #require(plain.ok, "\(plain)")
        #expect(isHexID(plain.out))
        #expect(plain.stdout == plain.out + "\n")
        #expect(try JSONParser.parse(try #require(replica.accord(["log", "--json"]).lines.last))["id"]?.stringValue == plain.out)
    }
}
