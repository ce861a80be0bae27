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

    @Test func aTamperedLineIsRefusedWithItsCodeAndTheRestImported() throws {
        let p = try project()
        let file = temporaryFile("tampered.jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let count = try EventBundle.export(p.store, to: file)
        var lines = JSONLines.split(Array(try Data(contentsOf: file)))

        // The last event (nothing depends on it) edited after signing; a line
        // from another project; a line that is no event.
        let last = lines.count - 1
        lines[last] = try tampered(lines[last]) { object in
            var body = object["body"]?.objectValue ?? [:]
            body["name"] = .string("mallory")
            object["body"] = .object(body)
        }
        let other = try TestProject(codes: false)
        let foreign = try Replica(store: other.store).addMember(name: "x", key: p.stranger.publicHex, role: .coder, by: other.lead).bytes
        lines.append(foreign)
        lines.append(Array("not an event".utf8))
        try Data(JSONLines.join(lines)).write(to: file)

        let fresh = try temporaryStore()
        let outcomes = try EventBundle.import(fresh, from: file)
        let codes = outcomes.map { if case .rejected(let e) = $0 { e.code } else { "ok" } }
        #expect(codes.prefix(last).allSatisfy { $0 == "ok" }, "every untouched line is imported")
        #expect(Array(codes.suffix(3)) == ["bad_id", "wrong_project", "malformed"])
        #expect(try fresh.logFacts().events == count - 1)
        try expectSoundLog(fresh)

        // The genuine event completes the replica.
        #expect(try fresh.receive([try p.store.allEventBytes().last!]) == [.accepted])
        #expect(try ReplicaState(fresh) == (try ReplicaState(p.store)))

        // Importing the tampered file again: the good lines are duplicates, the bad ones refused as before.
        let again = try EventBundle.import(fresh, from: file)
        #expect(again.prefix(last).allSatisfy { $0 == .duplicate })
        #expect(Array(again.suffix(3).map { if case .rejected(let e) = $0 { e.code } else { "ok" } }) == ["bad_id", "wrong_project", "malformed"])
        #expect(try ReplicaState(fresh) == (try ReplicaState(p.store)))
    }

    /// The same through the CLI: the report names each refused line and its
    /// code, and the exit status says something was refused.
    @Test(.enabled(if: Accord.exists, "build the accord binary first: swift build --build-tests"))
    func theCommandReportsRefusedLines() async throws {
        let p = try project()
        let file = temporaryFile("cli.jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let count = try EventBundle.export(p.store, to: file)
        var lines = JSONLines.split(Array(try Data(contentsOf: file)))
        lines[lines.count - 1] = try tampered(lines[lines.count - 1]) { $0["time"] = .int(($0["time"]?.intValue ?? 0) + 1) }
        try Data(JSONLines.join(lines)).write(to: file)

        let fresh = try temporaryStore()
        let r = try await accord(["--store", fresh.directory.path, "bundle", "import", file.path], in: FileManager.default.temporaryDirectory)
        #expect(r.status == 3, "\(r)")
        #expect(r.out.hasPrefix("\(count - 1) new, 0 already held, 1 refused"), "\(r)")
        #expect(r.out.contains("line \(count):") && r.out.contains("[bad_id]"), "\(r)")
        #expect(try fresh.logFacts().events == count - 1)

        let again = try await accord(["--store", fresh.directory.path, "bundle", "import", file.path], in: FileManager.default.temporaryDirectory)
        #expect(again.out.hasPrefix("0 new, \(count - 1) already held, 1 refused"), "\(again)")
        #expect(try fresh.logFacts().events == count - 1)
    }
}
