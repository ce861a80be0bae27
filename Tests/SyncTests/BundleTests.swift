import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// `accord bundle export/import`: the same events through a file, judged
/// exactly as sync judges them (DESIGN §7).
@Suite struct BundleTests {
    func project() throws -> TestProject {
        let p = try TestProject()
        try populate(p, codings: 60, seed: 21)
        try p.replica.changeCode("values/honesty", newName: "candour", by: p.lead)
        try p.replica.addMember(name: "carol", key: SigningKey(seed: "sync-bundle-carol").publicHex, role: .auditor, by: p.lead)
        return p
    }

    func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("accord-bundle-\(UUID().uuidString)-\(name)")
    }

    @Test func exportThenImportGivesTheSameStateAndIsIdempotent() throws {
        let p = try project()
        let file = temporaryFile("all.jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let count = try EventBundle.export(p.store, to: file)
        #expect(count == (try p.eventCount()))

        // One line per event, each its exact stored bytes, in causal order.
        let lines = JSONLines.split(Array(try Data(contentsOf: file)))
        #expect(lines == (try p.store.allEventBytes()))
        #expect(try Data(contentsOf: file).last == UInt8(ascii: "\n"))

        let fresh = try temporaryStore()
        let outcomes = try EventBundle.import(fresh, from: file)
        #expect(outcomes.count == count)
        #expect(outcomes.allSatisfy { $0 == .accepted })
        #expect(try ReplicaState(fresh) == (try ReplicaState(p.store)))
        try expectSoundLog(fresh)

        let again = try EventBundle.import(fresh, from: file)
        #expect(again.allSatisfy { $0 == .duplicate })
        #expect(try ReplicaState(fresh) == (try ReplicaState(p.store)))
        try expectSoundLog(fresh)

        // An incremental bundle: only what a replica holding `have` lacks.
        let have = try fresh.authorHeads()
        var rng = SeededRandom(seed: 22)
        try p.store.append(codingActions(5, document: p.document, length: TestProject.text.unicodeScalars.count,
                                         codes: [p.helpfulness], rng: &rng), by: p.bob)
        let delta = temporaryFile("delta.jsonl")
        defer { try? FileManager.default.removeItem(at: delta) }
        #expect(try EventBundle.export(p.store, to: delta, have: have) == 5)
        #expect(try EventBundle.import(fresh, from: delta).allSatisfy { $0 == .accepted })
        #expect(try ReplicaState(fresh) == (try ReplicaState(p.store)))
    }

    /// Issue 10, row 11: a bundle is taken whole. A tampered line, a line
    /// from another project or a line that is no event each refuse the
    /// file with one line naming it, and nothing is stored; the genuine
    /// file then imports in full.
    @Test func aBundleWithABadLineIsRefusedWholeAndChangesNothing() throws {
        let p = try project()
        let file = temporaryFile("tampered.jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let count = try EventBundle.export(p.store, to: file)
        let genuine = JSONLines.split(Array(try Data(contentsOf: file)))

        // The last event (nothing depends on it) edited after signing; a line
        // from another project; a line that is no event.
        let last = genuine.count - 1
        let tamperedLast = try tampered(genuine[last]) { object in
            var body = object["body"]?.objectValue ?? [:]
            body["name"] = .string("mallory")
            object["body"] = .object(body)
        }
        let other = try TestProject(codes: false)
        let foreign = try Replica(store: other.store).addMember(name: "x", key: p.stranger.publicHex, role: .coder, by: other.lead).bytes
        let cases: [(lines: [[UInt8]], line: Int, code: String)] = [
            (Array(genuine.prefix(last)) + [tamperedLast], count, "bad_id"),
            (genuine + [foreign], count + 1, "wrong_project"),
            (Array(genuine.prefix(3)) + [Array("not an event".utf8)] + Array(genuine.dropFirst(3)), 4, "malformed"),
        ]
        let fresh = try temporaryStore()
        for (lines, line, code) in cases {
            try Data(JSONLines.join(lines)).write(to: file)
            do {
                _ = try EventBundle.import(fresh, from: file)
                Issue.record("a bundle with a bad line \(line) was imported")
            } catch {
                #expect(error.code == code, "\(error)")
                #expect(error.message.hasPrefix("line \(line) of \(lines.count): "), "\(error.message)")
                #expect(error.message.hasSuffix("nothing was imported"), "\(error.message)")
            }
            #expect(try fresh.project() == nil, "nothing is stored")
            #expect(try fresh.logFacts().events == 0)
        }

        // The genuine file imports whole, and again as already held.
        try Data(JSONLines.join(genuine)).write(to: file)
        #expect(try EventBundle.import(fresh, from: file).allSatisfy { $0 == .accepted })
        #expect(try ReplicaState(fresh) == (try ReplicaState(p.store)))
        try expectSoundLog(fresh)
        #expect(try EventBundle.import(fresh, from: file).allSatisfy { $0 == .duplicate })

        // A file of held events and one bad line: still nothing new, and the error.
        try Data(JSONLines.join(Array(genuine.prefix(last)) + [tamperedLast])).write(to: file)
        #expect(throws: AccordError.self) { try EventBundle.import(fresh, from: file) }
        #expect(try ReplicaState(fresh) == (try ReplicaState(p.store)))
    }

    /// The same through the CLI: one line on stderr naming the refused line
    /// and its code, exit status 1, and nothing imported.
    @Test(.enabled(if: Accord.exists, "build the accord binary first: swift build --build-tests"))
    func theCommandRefusesAFileWithABadLine() async throws {
        let p = try project()
        let file = temporaryFile("cli.jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let count = try EventBundle.export(p.store, to: file)
        var lines = JSONLines.split(Array(try Data(contentsOf: file)))
        lines[lines.count - 1] = try tampered(lines[lines.count - 1]) { $0["time"] = .int(($0["time"]?.intValue ?? 0) + 1) }
        try Data(JSONLines.join(lines)).write(to: file)

        let fresh = try temporaryStore()
        let r = try await accord(["--store", fresh.directory.path, "bundle", "import", file.path], in: FileManager.default.temporaryDirectory)
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        let error = r.stderr.trimmingCharacters(in: .newlines)
        #expect(!error.contains("\n") && error.hasPrefix("accord: line \(count) of \(count): ") && error.hasSuffix("[bad_id]"), "\(r)")
        #expect(try fresh.logFacts().events == 0)

        _ = try EventBundle.export(p.store, to: file)
        let ok = try await accord(["--store", fresh.directory.path, "bundle", "import", file.path], in: FileManager.default.temporaryDirectory)
        #expect(ok.ok && ok.out == "\(count) new, 0 already held, 0 refused", "\(ok)")
    }
}
