import Foundation
import Store
import Testing

/// A replica holding exactly the golden vectors' events
/// (`events/vectors/golden.jsonl`), received through the real binary's
/// `bundle import`, with the vector authors' keys in its keyring so commands
/// can act as lena (lead), alice and bob (coders) and carol (auditor).
///
/// The store is empty before the import (no genesis of its own), so every
/// output of a command on it is a function of the vectors alone.
final class GoldenStore: @unchecked Sendable {
    /// The folder holding `.accord`.
    let dir: URL

    static let vectors = AccordBinary.repoRoot.appendingPathComponent("events/vectors")

    /// The vector authors and the seeds their keys are made from (golden.keys.json).
    static let seeds = ["lena": "accord-vector-lead", "alice": "accord-vector-alice", "bob": "accord-vector-bob",
                        "carol": "accord-vector-carol"]

    private init(dir: URL) { self.dir = dir }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// A fresh replica of the vectors, in a folder of its own.
    static func make() throws -> GoldenStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("accord-golden-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        let golden = GoldenStore(dir: dir)
        let store = try Store(directory: dir.appendingPathComponent(Store.directoryName), create: true)
        for (name, seed) in seeds { try store.keyring.store(SigningKey(seed: seed), as: name) }
        let imported = run(["bundle", "import", vectors.appendingPathComponent("golden.jsonl").path], in: dir)
        guard imported.ok, imported.out == "\(vectorCount) new, 0 already held, 0 refused" else {
            throw FixtureError("bundle import of the golden vectors failed: \(imported)")
        }
        return golden
    }

    /// How many events the vectors hold.
    static var vectorCount: Int {
        let data = (try? Data(contentsOf: vectors.appendingPathComponent("golden.jsonl"))) ?? Data()
        return data.split(separator: 0x0A).count
    }

    /// `accord ARGS` in the replica's folder.
    @discardableResult
    func accord(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        run(args, in: dir, sourceLocation: sourceLocation)
    }
}

/// Expected outputs, recorded from the binary into `Tests/CLITests/Fixtures/golden`
/// and compared byte for byte. Set `ACCORD_RECORD_GOLDEN=1` to (re)record them
/// instead of comparing; a recording is a change to review like any other diff.
enum GoldenFixtures {
    static let directory = AccordBinary.repoRoot.appendingPathComponent("Tests/CLITests/Fixtures/golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["ACCORD_RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with the fixture `name`, or records it.
    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("no fixture \(name): record it with ACCORD_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(Data(actual.utf8) == expected, "\(name) differs from the recorded output:\n\(firstDifference(actual, String(decoding: expected, as: UTF8.self)))",
                sourceLocation: sourceLocation)
    }

    /// Like `check`, for output that is usually empty (stderr): no fixture
    /// means nothing is expected.
    static func checkIfAny(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let exists = FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
        if actual.isEmpty && !exists { return }
        if recording && actual.isEmpty {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            return
        }
        try check(actual, name, sourceLocation: sourceLocation)
    }

    /// The first line that differs, for a readable failure.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        for i in 0..<max(a.count, e.count) where (i < a.count ? a[i] : nil) != (i < e.count ? e[i] : nil) {
            return "line \(i + 1)\n  expected: \(i < e.count ? e[i].debugDescription : "(none)")\n  actual:   \(i < a.count ? a[i].debugDescription : "(none)")"
        }
        return "(same lines; the bytes differ)"
    }
}
