import Foundation
import Store
import Testing

/// The built `accord` binary: `.build/debug/accord` under the repository
/// root, found from this file's path (Tests/SyncTests/Support/…). The
/// README's test command (`swift build --build-tests`) builds it first.
enum Accord {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = repoRoot.appendingPathComponent(".build/debug/accord")
    static var exists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }
}

struct Finished: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var ok: Bool { status == 0 }
    var out: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
    var json: JSONValue? { try? JSONParser.parse(out) }
    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// An `accord` process whose output goes to files (nothing blocks on a pipe).
final class AccordProcess: @unchecked Sendable {
    let process = Process()
    let outURL: URL
    let errURL: URL

    init(_ args: [String], in dir: URL) throws {
        let tag = UUID().uuidString
        outURL = FileManager.default.temporaryDirectory.appendingPathComponent("accord-sync-out-\(tag)")
        errURL = FileManager.default.temporaryDirectory.appendingPathComponent("accord-sync-err-\(tag)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = Accord.binary
        process.arguments = args
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["ACCORD_AS"] = nil
        env["ACCORD_STORE"] = nil
        env["LOG_LEVEL"] = "warning"
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    var stdoutSoFar: String { String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self) }

    func signal(_ sig: Int32) { _ = kill(process.processIdentifier, sig) }

    /// Waits at most `timeout` seconds; nil if still running then.
    func wait(timeout: TimeInterval = 60) -> Finished? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        guard !process.isRunning else { return nil }
        let out = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Finished(status: status, stdout: out, stderr: err)
    }

    /// Ends the process if it still runs (for failure paths).
    func terminate() {
        if process.isRunning {
            signal(SIGKILL)
            _ = wait(timeout: 5)
        }
    }
}

extension AccordProcess {
    /// `wait(timeout:)`, awaited off the cooperative pool.
    func finish(timeout: TimeInterval = 60) async throws -> Finished? {
        try await offPool { self.wait(timeout: timeout) }
    }
}

/// Runs `accord ARGS` in `dir` to the end.
@discardableResult
func accord(_ args: [String], in dir: URL, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Finished {
    let p = try AccordProcess(args, in: dir)
    guard let done = try await p.finish(timeout: 120) else {
        p.terminate()
        Issue.record("accord \(args.joined(separator: " ")) did not finish", sourceLocation: sourceLocation)
        return Finished(status: -1, stdout: "", stderr: "timeout")
    }
    return done
}

/// Runs `accord ARGS` and requires success.
@discardableResult
func accordOK(_ args: [String], in dir: URL, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Finished {
    let r = try await accord(args, in: dir, sourceLocation: sourceLocation)
    #expect(r.ok, "accord \(args.joined(separator: " ")) failed: \(r)", sourceLocation: sourceLocation)
    return r
}
