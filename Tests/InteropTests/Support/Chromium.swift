import Foundation
import Testing

/// Headless Chromium for the report tests. A missing browser fails the test
/// (`scripts/install-deps.sh` installs the Debian package `chromium`).
enum Chromium {
    static func executable() throws -> String {
        let candidates = ["chromium", "chromium-browser", "google-chrome", "chrome"]
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in candidates {
            for dir in path.split(separator: ":") {
                let full = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: full) { return full }
            }
        }
        Issue.record("headless Chromium is not installed; run scripts/install-deps.sh (Debian package `chromium`)")
        throw CancellationError()
    }

    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs Chromium headless on `page` with `arguments` and a fresh profile.
    static func run(_ page: URL, _ arguments: [String], profile: URL) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
        ] + arguments + [page.absoluteString]
        // Output goes to files: no pipe to drain while the browser runs.
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let outURL = profile.appendingPathComponent("stdout.txt"), errURL = profile.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(stdout: try String(contentsOf: outURL, encoding: .utf8), stderr: try String(contentsOf: errURL, encoding: .utf8),
                   status: process.terminationStatus)
    }
}
