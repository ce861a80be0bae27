import Foundation
import Testing

/// `accord audit export` writes a package that `events/verify.py`, which
/// shares no code with accord, accepts whole and refuses after each kind of
/// tampering, naming the line.
@Suite struct AuditExportTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let pythonReady: Bool = (try? verify(["-c", "import cryptography"]).status) == 0

    static func verify(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func verify(_ directory: URL) throws -> (status: Int32, output: String) {
        try verify([repository.appendingPathComponent("events/verify.py").path, directory.path])
    }

    /// A fresh copy of a good export, to tamper with.
    static func copy(_ good: URL) throws -> URL {
        let to = FileManager.default.temporaryDirectory.appendingPathComponent("accord-audit-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: good, to: to)
        return to
    }

    static func lines(_ directory: URL) throws -> [String] {
        try String(contentsOf: directory.appendingPathComponent("events.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func write(_ lines: [String], _ directory: URL) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("events.jsonl"), atomically: true, encoding: .utf8)
    }

    @Test(.enabled(if: pythonReady)) func anExportVerifiesAndEachTamperingIsCaught() throws {
        let p = try Project.make()
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--span", "0:9")
        _ = try p.apply("values/honesty", "northwind", as: "bob", "--span", "3:12")
        let good = p.dir.appendingPathComponent("audit")
        let exported = try p.json("--as", "lena", "audit", "export", good.path, "--json")
        let status = try p.json("status", "--json")
        #expect(exported["state_digest"] == status["state_digest"])
        #expect(exported["events"]?.intValue == status["events"]?.intValue)
        let ok = try Self.verify(good)
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.contains("ok: \(status["events"]?.intValue ?? -1) events"))

        // A changed byte inside an event.
        let changed = try Self.copy(good)
        var lines = try Self.lines(changed)
        let target = lines.firstIndex { $0.contains("segment.coded") }!
        lines[target] = lines[target].replacingOccurrences(of: "\"start\":0", with: "\"start\":1")
        try Self.write(lines, changed)
        let changedResult = try Self.verify(changed)
        #expect(changedResult.status == 1 && changedResult.output.contains("line \(target + 1)"), "\(changedResult.output)")

        // A dropped line.
        let dropped = try Self.copy(good)
        lines = try Self.lines(dropped)
        lines.remove(at: 3)
        try Self.write(lines, dropped)
        let droppedResult = try Self.verify(dropped)
        #expect(droppedResult.status == 1 && droppedResult.output.contains("TAMPERED"), "\(droppedResult.output)")

        // A reordered chain: an event before its prev.
        let reordered = try Self.copy(good)
        lines = try Self.lines(reordered)
        lines.swapAt(2, 3)
        try Self.write(lines, reordered)
        let reorderedResult = try Self.verify(reordered)
        #expect(reorderedResult.status == 1 && reorderedResult.output.contains("earlier line"), "\(reorderedResult.output)")

        // A forged manifest: another state digest, same signature.
        let forged = try Self.copy(good)
        let manifestFile = forged.appendingPathComponent("manifest.json")
        let manifest = try String(contentsOf: manifestFile, encoding: .utf8)
        let digest = try #require(exported["state_digest"]?.stringValue)
        try manifest.replacingOccurrences(of: digest, with: String(repeating: "0", count: digest.count))
            .write(to: manifestFile, atomically: true, encoding: .utf8)
        let forgedResult = try Self.verify(forged)
        #expect(forgedResult.status == 1 && forgedResult.output.contains("manifest.json: the signature does not verify"), "\(forgedResult.output)")
    }

    @Test func exportingIntoAFolderThatIsNotEmptyIsRefusedAndWritesNothing() throws {
        let p = try Project.make()
        let dir = p.dir.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        expectError(p.accord("audit", "export", dir.path), "audit_dir_not_empty", mentions: ["not empty"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.txt"])
    }
}
