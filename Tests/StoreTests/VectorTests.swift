import Foundation
import GRDB
import Testing
@testable import Store
import AccordTesting

/// The language-neutral vectors in `events/vectors/` (made by an independent
/// Python implementation, `make_vectors.py`) against the Swift store, and the
/// Swift store's output against `events/validate.py`.
@Suite struct VectorTests {
    // MARK: (a) bytes, ids, signatures

    @Test func goldenLinesParseWithTheirIdsAndSignatures() throws {
        let lines = try Vectors.golden()
        let ids = try Vectors.text("golden.ids.txt").split(separator: "\n").map(String.init)
        #expect(lines.count == 43)
        #expect(lines.count == ids.count)
        for (n, (line, id)) in zip(lines, ids).enumerated() {
            let event = try Event(bytes: line)
            #expect(event.id == id, "line \(n + 1)")
            #expect(event.bytes == line, "line \(n + 1)")
            #expect(throws: Never.self, "line \(n + 1)") { try event.verifySignature() }
            #expect(CanonicalJSON.encode(try JSONParser.parse(line)) == line, "line \(n + 1)")
        }
    }

    @Test func goldenIdsAreTheHashOfTheUnsignedCanonicalBytes() throws {
        for line in try Vectors.golden() {
            let event = try Event(bytes: line)
            var fields = try #require(try JSONParser.parse(line).objectValue)
            fields.removeValue(forKey: "id")
            fields.removeValue(forKey: "sig")
            let draft = EventDraft(project: event.project, author: event.author, seq: event.seq, prev: event.prev,
                                   deps: event.deps, time: event.time, type: event.type, body: event.body.json)
            #expect(draft.id == event.id)
            #expect(CanonicalJSON.encode(.object(draft.fields)) == CanonicalJSON.encode(.object(fields)))
        }
    }

    // MARK: (b) keys

    @Test func seededKeysAreTheVectorAuthors() throws {
        let keys = try #require(try Vectors.json("golden.keys.json").objectValue)
        var byName: [String: String] = [:]
        for (name, entry) in keys {
            let seed = try #require(entry["seed"]?.stringValue)
            let hex = try #require(entry["public"]?.stringValue)
            #expect(SigningKey(seed: seed).publicHex == hex, "\(name)")
            byName[name] = hex
        }
        #expect(SigningKey(seed: "accord-vector-lead").publicHex == byName["lena"])
        #expect(SigningKey(seed: "accord-vector-alice").publicHex == byName["alice"])
        #expect(SigningKey(seed: "accord-vector-bob").publicHex == byName["bob"])

        let events = try Vectors.golden().map { try Event(bytes: $0) }
        #expect(events[0].author == byName["lena"])
        let authors = Set(events.map(\.author))
        #expect(authors == Set([byName["lena"]!, byName["alice"]!, byName["bob"]!]))
        let added = events.filter { $0.type == .memberAdded }
        for name in ["alice", "bob", "carol"] {
            let event = try #require(added.first { $0.body.json["name"]?.stringValue == name })
            #expect(event.body.json["keys"] == [.string(byName[name]!)])
        }
    }

    // MARK: (c) a store folds the golden log into the expected projection

    @Test func aFreshStoreAcceptsTheGoldenLogAndProjectsIt() throws {
        let lines = try Vectors.golden()
        let (store, root) = try Vectors.freshStore()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcomes = try store.receive(lines, now: Vectors.now)
        for (n, outcome) in outcomes.enumerated() { #expect(outcome == .accepted, "line \(n + 1): \(outcome)") }
        #expect(try store.receive(lines, now: Vectors.now).allSatisfy { $0 == .duplicate })

        let expected = try Vectors.json("golden.expected.json")
        let actual = try store.database.read { db in try Vectors.projection(db) }
        #expect(actual.projectID == expected["project"]?["id"]?.stringValue)
        #expect(actual.projectName == expected["project"]?["name"]?.stringValue)
        #expect(actual.events == expected["events"]?.intValue.map(Int.init))
        #expect(actual.heads == expected["heads"]?.objectValue?.mapValues { $0.intValue ?? -1 })
        #expect(actual.members == Vectors.rows(expected["members"], ["id", "name", "role", "keys", "removed"]))
        #expect(actual.documents == Vectors.rows(expected["documents"], ["id", "title", "sha256", "length", "retired"]))
        #expect(actual.codes == Vectors.rows(expected["codes"], ["id", "path", "retired", "merged_into"]))
        #expect(actual.codings == Vectors.rows(expected["codings"], ["id", "coder", "document", "code", "start", "end"]))
        #expect(actual.done == expected["done"]?.objectValue)
    }

    @Test func theGoldenLogGivesOneStateDigestWhateverTheBatching() throws {
        let lines = try Vectors.golden()
        let (whole, a) = try Vectors.freshStore()
        let (oneByOne, b) = try Vectors.freshStore()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        _ = try whole.receive(lines, now: Vectors.now)
        for line in lines { #expect(try oneByOne.receive([line], now: Vectors.now) == [.accepted]) }
        #expect(try whole.stateDigest() == oneByOne.stateDigest())
        try oneByOne.rebuild()
        #expect(try whole.stateDigest() == oneByOne.stateDigest())
    }

    // MARK: (c') two copies of one id

    /// `golden.resigned.jsonl` holds golden events again with another valid
    /// signature. Whichever copy came first, a replica ends holding the copy
    /// whose bytes sort first, and the state does not change.
    @Test func twoCopiesOfOneIdKeepTheBytesThatSortFirst() throws {
        let golden = try Vectors.golden()
        let copies = try Vectors.lines(Vectors.directory.appendingPathComponent("golden.resigned.jsonl"))
        #expect(copies.count == 3)
        let copyByID = Dictionary(uniqueKeysWithValues: try copies.map { (try Event(bytes: $0).id, $0) })
        for copy in copies { #expect(throws: Never.self) { try Event(bytes: copy).verifySignature() } }

        func held(_ store: Store) throws -> [String: [UInt8]] {
            try store.database.read { db in
                try Dictionary(uniqueKeysWithValues: copyByID.keys.map { ($0, try #require(try EventLog.event(db, id: $0)).bytes) })
            }
        }
        // Originals first, then the copies.
        let (first, r1) = try Vectors.freshStore()
        defer { try? FileManager.default.removeItem(at: r1) }
        _ = try first.receive(golden, now: Vectors.now)
        let digest = try first.status().stateDigest
        #expect(try first.receive(copies, now: Vectors.now).allSatisfy { $0 == .duplicate })
        // Copies in place of the originals, then the originals.
        let (second, r2) = try Vectors.freshStore()
        defer { try? FileManager.default.removeItem(at: r2) }
        let swapped = try golden.map { line in copyByID[try Event(bytes: line).id] ?? line }
        #expect(try second.receive(swapped, now: Vectors.now).allSatisfy(\.isAccepted))
        #expect(try second.receive(golden, now: Vectors.now).allSatisfy { $0 == .duplicate })

        let expected = try Dictionary(uniqueKeysWithValues: golden.compactMap { line -> (String, [UInt8])? in
            let id = try Event(bytes: line).id
            guard let copy = copyByID[id] else { return nil }
            return (id, copy.lexicographicallyPrecedes(line) ? copy : line)
        })
        #expect(try held(first) == expected)
        #expect(try held(second) == expected)
        #expect(Set(expected.values) != Set(copies) && Set(expected.values) != Set(copyByID.keys.compactMap { id in golden.first { (try? Event(bytes: $0).id) == id } }),
                "the vectors exercise both outcomes")
        #expect(try second.status().stateDigest == digest)
        #expect(try first.status().stateDigest == digest)
    }

    // MARK: (d) every rejected case, with its code, changing nothing

    @Test func theManifestListsEveryInvalidFile() throws {
        let cases = Vectors.invalidCases()
        #expect(cases.count >= 40)
        let files = try FileManager.default.contentsOfDirectory(atPath: Vectors.directory.appendingPathComponent("invalid").path)
            .filter { $0.hasSuffix(".jsonl") }
        #expect(Set(files) == Set(cases.map(\.file)))
        for c in cases { #expect(c.file.hasPrefix(c.code), "\(c.file) names its code") }
    }

    @Test(arguments: Vectors.invalidCases())
    func invalidCaseIsRejectedWithItsCode(_ c: Vectors.InvalidCase) throws {
        let base = try Vectors.lines(Vectors.directory.appendingPathComponent(c.base))
        let bad = try Vectors.lines(Vectors.directory.appendingPathComponent("invalid/\(c.file)"))
        try #require(bad.count == 1, "\(c.file) holds one line")
        let (store, root) = try Vectors.freshStore()
        defer { try? FileManager.default.removeItem(at: root) }
        let now = try Vectors.clock(after: base)
        let prefix = try store.receive(Array(base.prefix(c.after)), now: now)
        #expect(prefix.allSatisfy { $0 == .accepted }, "\(c.file): \(prefix)")
        let before = try store.stateDigest()
        let outcome = try #require(try store.receive(bad, now: now).first)
        guard case .rejected(let error) = outcome else {
            Issue.record("\(c.file): expected rejection \(c.code), got \(outcome)")
            return
        }
        #expect(error.code == c.code, "\(c.file): \(error)")
        #expect(try store.stateDigest() == before, "\(c.file)")
        #expect(try store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") } == c.after)
    }

    // MARK: (d') scenarios: forks, cuts, voiding, in any causal order

    @Test(arguments: Vectors.scenarios())
    func scenarioFoldsIntoItsExpectedStateInAnyCausalOrder(_ name: String) throws {
        let lines = try Vectors.lines(Vectors.directory.appendingPathComponent("scenarios/\(name).jsonl"))
        let expected = try Vectors.json("scenarios/\(name).expected.json")
        let now = try Vectors.clock(after: lines)
        let (store, root) = try Vectors.freshStore()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcomes = try store.receive(lines, now: now)
        for (n, outcome) in outcomes.enumerated() { #expect(outcome == .accepted, "\(name) line \(n + 1): \(outcome)") }
        try Vectors.expect(store, matches: expected, name)
        let forks = try store.forks().map { f -> JSONValue in
            ["author": .string(f.author), "seq": .int(f.seq), "ids": .array(f.ids.map { .string($0) }), "open": .bool(f.open)]
        }
        #expect(forks == (expected["forks"]?.arrayValue ?? []), "\(name): forks")
        let digest = try store.stateDigest()
        try store.rebuild()
        #expect(try store.stateDigest() == digest, "\(name): rebuild")

        // Other causal orders, one event at a time: the same state.
        var rng = SeededRandom(seed: UInt64(name.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) }))
        for round in 0..<4 {
            let order = try Vectors.randomCausalOrder(lines, using: &rng)
            let (other, otherRoot) = try Vectors.freshStore()
            defer { try? FileManager.default.removeItem(at: otherRoot) }
            for line in order {
                let outcome = try other.receive([line], now: now)
                #expect(outcome == [.accepted], "\(name) order \(round): \(outcome)")
            }
            #expect(try other.stateDigest() == digest, "\(name): order \(round) gives another state")
        }
    }

    // MARK: (e) the Swift store's events pass events/validate.py

    @Test(.enabled(if: Vectors.pythonReady, "python3 with jsonschema and cryptography is needed"))
    func eventsWrittenBySwiftPassTheLanguageNeutralValidator() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("accord-vectors-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try Store(directory: root.appendingPathComponent(".accord"), create: true)
        let lead = SigningKey(seed: "accord-vector-lead"), alice = SigningKey(seed: "accord-vector-alice")
        let text = "Caf\u{e9} \u{1F642} notes:\n\"quoted\"\tand a back\\slash.\n"
        try store.append(try Action(.projectCreated, ["name": "validator check", "member": "lena"]), by: lead)
        try store.append(try Action(.memberAdded, ["name": "alice", "role": "coder", "keys": [.string(alice.publicHex)]]), by: lead)
        let document = try store.append(try Action(.documentAdded, [
            "title": "notes", "text": .string(text), "sha256": .string(DocumentText.sha256(text)),
            "length": .int(Int64(text.unicodeScalars.count)), "meta": ["k\u{e9}y": "v\u{1}"],
        ]), by: lead).id
        let code = try store.append(try Action(.codeDefined, [
            "name": "values", "parent": nil, "description": "", "color": "#aabbcc", "exclusive": false,
        ]), by: lead).id
        let changed = try store.append(try Action(.codeChanged, ["code": .string(code), "base": [.string(code)], "name": "valeurs"]), by: lead)
        let coding = try store.append(try Action(.segmentCoded, [
            "document": .string(document), "code": .string(code), "start": 5, "end": 6,
        ]), by: alice).id
        try store.append([try Action(.memoAdded, ["text": "emoji \u{1F642}", "coding": .string(coding)]),
                          try Action(.segmentUncoded, ["coding": .string(coding)]),
                          try Action(.documentDone, ["document": .string(document)])], by: alice)
        try store.append(try Action(.adjudicationDecided, [
            "document": .string(document), "start": 0, "end": 4, "codes": [.string(code)], "note": "", "base": [],
        ]), by: lead)
        #expect(changed.type == .codeChanged)

        let lines = try store.eventRows(at: .now).map(\.bytes)
        #expect(lines.count == 10)
        let file = root.appendingPathComponent("events.jsonl")
        try Data(lines.flatMap { $0 + [0x0A] }).write(to: file)
        let ok = try Vectors.runValidator(file)
        #expect(ok.status == 0, "\(ok.output)")

        // One changed character in line 3 (the document's title) breaks its id.
        var tampered = lines.map { String(decoding: $0, as: UTF8.self) }
        #expect(tampered[2].contains("\"type\":\"document.added\""))
        tampered[2] = tampered[2].replacingOccurrences(of: "\"title\":\"notes\"", with: "\"title\":\"Notes\"")
        #expect(tampered[2].contains("Notes"))
        try Data(tampered.map { $0 + "\n" }.joined().utf8).write(to: file)
        let bad = try Vectors.runValidator(file)
        #expect(bad.status == 1)
        #expect(bad.output.contains("events.jsonl:3: bad_id"), "\(bad.output)")
    }

    @Test(.enabled(if: Vectors.pythonReady, "python3 with jsonschema and cryptography is needed"))
    func theLanguageNeutralValidatorAgreesWithTheVectors() throws {
        let golden = try Vectors.runValidator(Vectors.directory.appendingPathComponent("golden.jsonl"))
        #expect(golden.status == 0, "\(golden.output)")
        for c in Vectors.invalidCases() where c.contextFree {
            let result = try Vectors.runValidator(Vectors.directory.appendingPathComponent("invalid/\(c.file)"))
            #expect(result.status == 1, "\(c.file): \(result.output)")
            #expect(result.output.contains(":1: \(c.code):"), "\(c.file): \(result.output)")
        }
    }
}

/// Finding and reading the files of `events/`.
enum Vectors {
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repository.appendingPathComponent("events/vectors")

    /// The receiver's clock: an hour after the last golden event.
    static let now: Int64 = {
        guard let last = try? golden().last, let event = try? Event(bytes: last) else { return Store.nowMicros() }
        return event.time + 3_600 * 1_000_000
    }()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent(name))))
    }

    /// The lines of a JSONL file, as bytes, without their newlines.
    static func lines(_ url: URL) throws -> [[UInt8]] {
        var lines = Array(try Data(contentsOf: url)).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last == [] { lines.removeLast() }
        return lines
    }

    static func golden() throws -> [[UInt8]] { try lines(directory.appendingPathComponent("golden.jsonl")) }

    /// The receiver's clock for a log: an hour after its last event.
    static func clock(after lines: [[UInt8]]) throws -> Int64 {
        try Event(bytes: lines.last!).time + 3_600 * 1_000_000
    }

    /// The scenario names (`scenarios/NAME.jsonl`).
    static func scenarios() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("scenarios").path)) ?? []
        return files.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    }

    /// The lines in a random order in which every event follows its prev and deps.
    static func randomCausalOrder(_ lines: [[UInt8]], using rng: inout SeededRandom) throws -> [[UInt8]] {
        let events = try lines.map { try Event(bytes: $0) }
        var delivered = Set<String>()
        var remaining = Array(events.indices)
        var out: [[UInt8]] = []
        while !remaining.isEmpty {
            let ready = remaining.filter { events[$0].parents.allSatisfy(delivered.contains) }
            let pick = ready.randomElement(using: &rng)!
            delivered.insert(events[pick].id)
            out.append(lines[pick])
            remaining.removeAll { $0 == pick }
        }
        return out
    }

    /// Compares a store's projection with an expected state file.
    static func expect(_ store: Store, matches expected: JSONValue, _ name: String) throws {
        let actual = try store.database.read { db in try projection(db) }
        #expect(actual.projectID == expected["project"]?["id"]?.stringValue, "\(name)")
        #expect(actual.events == expected["events"]?.intValue.map(Int.init), "\(name): events")
        #expect(actual.heads == expected["heads"]?.objectValue?.mapValues { $0.intValue ?? -1 }, "\(name): heads")
        #expect(actual.members == rows(expected["members"], ["id", "name", "role", "keys", "removed"]), "\(name): members")
        #expect(actual.documents == rows(expected["documents"], ["id", "title", "sha256", "length", "retired"]), "\(name): documents")
        #expect(actual.codes == rows(expected["codes"], ["id", "path", "retired", "merged_into"]), "\(name): codes")
        #expect(actual.codings == rows(expected["codings"], ["id", "coder", "document", "code", "start", "end"]), "\(name): codings")
        #expect(actual.done == expected["done"]?.objectValue, "\(name): done")
        #expect(actual.voided == rows(expected["voided"], ["id", "reason", "cause"]), "\(name): voided")
    }

    static func freshStore() throws -> (Store, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("accord-vectors-\(UUID().uuidString)")
        return (try Store(directory: root.appendingPathComponent(".accord"), create: true), root)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var file: String
        var base: String
        var after: Int
        var code: String
        var contextFree: Bool
        var testDescription: String { file }
    }

    static func invalidCases() -> [InvalidCase] {
        guard let manifest = try? json("invalid/manifest.json").objectValue else { return [] }
        return manifest.keys.sorted().compactMap { file in
            guard let entry = manifest[file], let after = entry["after"]?.intValue, let code = entry["code"]?.stringValue else { return nil }
            return InvalidCase(file: file, base: entry["base"]?.stringValue ?? "golden.jsonl", after: Int(after), code: code,
                               contextFree: entry["context_free"]?.boolValue ?? false)
        }
    }

    // MARK: the projection, in the vocabulary of golden.expected.json

    struct Projection {
        var projectID: String?
        var projectName: String
        var events: Int
        var heads: [String: Int64]
        var members: [JSONValue]
        var documents: [JSONValue]
        var codes: [JSONValue]
        var codings: [JSONValue]
        var done: [String: JSONValue]
        var voided: [JSONValue]
    }

    static func projection(_ db: Database) throws -> Projection {
        let catalog = try Catalog(db)
        let members: [JSONValue] = catalog.members.map {
            ["id": .string($0.id), "name": .string($0.name), "role": .string($0.role.rawValue),
             "keys": .array($0.keys.sorted().map { .string($0) }), "removed": .bool($0.removed)]
        }
        let documents: [JSONValue] = catalog.documents.map {
            ["id": .string($0.id), "title": .string($0.title), "sha256": .string($0.sha256), "length": .int(Int64($0.length)),
             "retired": .bool($0.retired)]
        }
        let codes: [JSONValue] = catalog.codes.map {
            ["id": .string($0.id), "path": .string($0.path), "retired": .bool($0.retired),
             "merged_into": $0.mergedInto.map { .string($0) } ?? .null]
        }
        let codings: [JSONValue] = try CodingRow.fetch(db, catalog: catalog).map {
            ["id": .string($0.id), "coder": .string(catalog.coderName($0)), "document": .string($0.document),
             "code": .string($0.code), "start": .int(Int64($0.start)), "end": .int(Int64($0.end))]
        }
        let done = try Progress(db).done.mapValues { authors -> JSONValue in
            .array(authors.map { catalog.name(ofMember: $0) }.sorted().map { .string($0) })
        }
        return Projection(projectID: try EventLog.project(db), projectName: catalog.projectName,
                          events: try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0,
                          heads: try EventLog.authorHeads(db),
                          members: sorted(members), documents: sorted(documents), codes: sorted(codes),
                          codings: sorted(codings), done: done,
                          voided: try Row.fetchAll(db, sql: "SELECT id, reason, cause FROM voided ORDER BY id").map {
                              ["id": .string($0[0]), "reason": .string($0[1]), "cause": .string($0[2])]
                          })
    }

    /// Rows of the expected file with the given fields, sorted by id.
    static func rows(_ value: JSONValue?, _ fields: [String]) -> [JSONValue] {
        sorted((value?.arrayValue ?? []).map { row in
            .object(Dictionary(uniqueKeysWithValues: fields.map { ($0, row[$0] ?? .null) }))
        })
    }

    static func sorted(_ rows: [JSONValue]) -> [JSONValue] {
        rows.sorted { ($0["id"]?.stringValue ?? "") < ($1["id"]?.stringValue ?? "") }
    }

    // MARK: python3 events/validate.py

    static let pythonReady: Bool = {
        (try? run(["python3", "-c", "import jsonschema, cryptography"]).status) == 0
    }()

    static func runValidator(_ file: URL) throws -> (status: Int32, output: String) {
        try run(["python3", repository.appendingPathComponent("events/validate.py").path, file.path])
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = repository
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
