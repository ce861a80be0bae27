import ArgumentParser
import Foundation
import Store

/// Runs accord commands in this process, echoing each as a user would type
/// it, so the demo narrates the real command line.
struct DemoRunner {
    let root: URL

    func say(_ text: String) {
        print("")
        print("== \(text)")
    }

    /// Runs `accord ARGS` in `folder` (a replica) as `person`, echoing the
    /// command line as typed there.
    @discardableResult
    func run(_ args: [String], as person: String? = nil, in folder: String, quiet: Bool = false) async throws -> String {
        let shown = (person.map { ["--as", $0] } ?? []) + args
        if !quiet { print("\(folder)$ accord " + shown.map(DemoRunner.quoteIfNeeded).joined(separator: " ")) }
        GlobalOptions.leading = ["store": root.appendingPathComponent(folder).path]
        if let person { GlobalOptions.leading["as"] = person }
        let command = try Accord.parseAsRoot(args)
        return try await Capture.stdout(echo: !quiet) {
            if var async = command as? AsyncParsableCommand { try await async.run() } else {
                var sync = command
                try sync.run()
            }
        }
    }

    static func quoteIfNeeded(_ arg: String) -> String {
        arg.contains(where: { " \"'$".contains($0) }) ? "'\(arg.replacingOccurrences(of: "'", with: "'\\''"))'" : arg
    }
}

/// Captures what a block prints to stdout, optionally still showing it.
enum Capture {
    static func stdout(echo: Bool, _ body: () async throws -> Void) async throws -> String {
        fflush(nil)
        let pipe = Pipe()
        let saved = dup(STDOUT_FILENO)
        dup2(pipe.fileHandleForWriting.fileDescriptor, STDOUT_FILENO)
        var failure: Error?
        do { try await body() } catch { failure = error }
        fflush(nil)
        dup2(saved, STDOUT_FILENO)
        close(saved)
        try? pipe.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self)
        if echo { print(text, terminator: "") }
        if let failure { throw failure }
        return text
    }
}
