import Foundation
import Store
import Testing

/// Running the built `accord` binary as a subprocess.
///
/// The binary is `.build/debug/accord` under the repository root, found from
/// this file's path; the README's test command (`swift build --build-tests`)
/// builds it before the tests run.
enum AccordBinary {
    /// The repository root: Tests/CLITests/Support/AccordProcess.swift → ../../..
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let url: URL = repoRoot.appendingPathComponent(".build/debug/accord")

    static var exists: Bool { FileManager.default.isExecutableFile(atPath: url.path) }

    static let missingMessage =
        "the accord binary is missing at \(url.path): build it first with `swift build --build-tests` (or `swift build --product accord`)"
}

/// What one run of a process left behind.
struct ProcessResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var ok: Bool { status == 0 }

    /// Stdout without its final newline.
    var out: String { stdout.hasSuffix("\n") ? String(stdout.dropLast()) : stdout }

    /// Stdout's lines (no trailing empty line).
    var lines: [String] { out.isEmpty ? [] : out.components(separatedBy: "\n") }

    /// Stdout parsed as one JSON document.
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        do { return try JSONParser.parse(out) } catch {
            Issue.record("stdout is not JSON (\(error)): \(stdout)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The `[code]` at the end of a one-line error.
    var errorCode: String? {
        let line = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasSuffix("]"), let open = line.lastIndex(of: "[") else { return nil }
        return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
    }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Environment variables the tests never inherit from the runner.
private let scrubbed: Set<String> = ["ACCORD_AS", "ACCORD_STORE"]

private func environment(_ extra: [String: String]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { !scrubbed.contains($0.key) }
    for (k, v) in extra { env[k] = v }
    return env
}

private func temporaryFile(_ tag: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-cli-\(tag)-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    return url
}

/// A started process whose output goes to files (no pipes: nothing can
/// block on a full pipe, and no pipe end leaks into another test's child).
final class RunningProcess: @unchecked Sendable {
    let process = Process()
    private let outURL = temporaryFile("out")
    private let errURL = temporaryFile("err")
    private var inURL: URL?

    init(executable: URL, _ args: [String], in dir: URL, env: [String: String], stdin: String?) throws {
        process.executableURL = executable
        process.arguments = args
        process.currentDirectoryURL = dir
        process.environment = environment(env)
        if let stdin {
            let url = temporaryFile("in")
            try Data(stdin.utf8).write(to: url)
            inURL = url
            process.standardInput = try FileHandle(forReadingFrom: url)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        do {
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            try process.run()
        } catch {
            removeFiles()
            throw error
        }
    }

    private func removeFiles() {
        for url in [outURL, errURL] + (inURL.map { [$0] } ?? []) { try? FileManager.default.removeItem(at: url) }
    }

    var pid: Int32 { process.processIdentifier }

    func kill(_ signal: Int32 = SIGKILL) { _ = Foundation.kill(process.processIdentifier, signal) }

    /// Waits for the exit and collects the output.
    func wait() -> ProcessResult {
        process.waitUntilExit()
        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = (try? Data(contentsOf: errURL)) ?? Data()
        removeFiles()
        // A killed process reports its signal, not an exit status: make it
        // visible as 128 + signal, as a shell would.
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(status: status, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

/// Starts `accord ARGS` in `dir` without waiting for it.
func spawn(_ args: [String], in dir: URL, env: [String: String] = [:], stdin: String? = nil) throws -> RunningProcess {
    guard AccordBinary.exists else { throw FixtureError(AccordBinary.missingMessage) }
    return try RunningProcess(executable: AccordBinary.url, args, in: dir, env: env, stdin: stdin)
}

/// Runs `accord ARGS` in `dir` and waits for it.
@discardableResult
func run(_ args: [String], in dir: URL, env: [String: String] = [:], stdin: String? = nil,
         sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
    guard AccordBinary.exists else {
        Issue.record(Comment(rawValue: AccordBinary.missingMessage), sourceLocation: sourceLocation)
        return ProcessResult(status: 127, stdout: "", stderr: AccordBinary.missingMessage)
    }
    do {
        return try RunningProcess(executable: AccordBinary.url, args, in: dir, env: env, stdin: stdin).wait()
    } catch {
        Issue.record("could not start accord: \(error)", sourceLocation: sourceLocation)
        return ProcessResult(status: 127, stdout: "", stderr: "\(error)")
    }
}

/// Runs a `/bin/sh -c` script (the binary is in $ACCORD) in `dir`.
func shell(_ script: String, in dir: URL, env: [String: String] = [:]) throws -> RunningProcess {
    var env = env
    env["ACCORD"] = AccordBinary.url.path
    return try RunningProcess(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: dir, env: env, stdin: nil)
}

/// Runs SQL against an SQLite file with the `sqlite3` CLI, else Python's
/// sqlite3 (the test target does not link GRDB). Rows print as `a|b`.
func sqlite(_ database: URL, _ sql: String) throws -> String {
    let candidates = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/bin/sqlite3"]
    let result: ProcessResult
    if let cli = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
        result = try RunningProcess(executable: URL(fileURLWithPath: cli), [database.path, sql], in: database.deletingLastPathComponent(),
                                    env: [:], stdin: nil).wait()
    } else {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            for row in c.execute(sys.argv[2]):
                print('|'.join('' if v is None else (v.hex() if isinstance(v, bytes) else str(v)) for v in row))
            c.commit()
            """
        result = try RunningProcess(executable: URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, database.path, sql],
                                    in: database.deletingLastPathComponent(), env: [:], stdin: nil).wait()
    }
    guard result.ok else { throw FixtureError("sqlite failed: \(result)") }
    return result.out
}

struct FixtureError: Error, CustomStringConvertible, Sendable {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: - JSON conveniences

extension JSONValue {
    subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    var count: Int { arrayValue?.count ?? objectValue?.count ?? 0 }

    /// An array's items (empty for anything else).
    var items: [JSONValue] { arrayValue ?? [] }
}
