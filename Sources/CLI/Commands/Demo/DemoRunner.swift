import ArgumentParser
import Foundation

/// Runs accord commands in this process, echoing each as a user would type
/// it and then what it printed, so the demo narrates the real command line.
struct DemoRunner {
    let root: URL

    func say(_ text: String) {
        print("")
        print("== \(text)")
    }

    /// Runs `accord ARGS` in `folder` (a replica) as `person`, echoing the
    /// command line as typed there; returns what it printed.
    @discardableResult
    func run(_ args: [String], as person: String? = nil, in folder: String, quiet: Bool = false) async throws -> String {
        let shown = (person.map { ["--as", $0] } ?? []) + args
        if !quiet { print("\(folder)$ accord " + shown.map(DemoRunner.quoteIfNeeded).joined(separator: " ")) }
        var command = try Accord.parseAsRoot(DemoRunner.arguments(args, as: person, store: root.appendingPathComponent(folder).path))
        // The command writes into a buffer of its own rather than through a
        // pipe into this process, so there is no limit to what it may print.
        let printed = OutputBuffer()
        var failure: (any Error)?
        do {
            try await Output.$capture.withValue(printed) {
                if var async = command as? AsyncParsableCommand { try await async.run() } else { try command.run() }
            }
        } catch { failure = error }
        if !quiet { print(printed.text, terminator: "") }
        if let failure { throw failure }
        return printed.text
    }

    /// The arguments a command runs with in the demo: the replica's folder
    /// and the person acting are given explicitly, as global options, so
    /// nothing depends on the folder the demo runs in.
    static func arguments(_ args: [String], as person: String?, store: String) -> [String] {
        GlobalOptions.movedAfterCommand(["--store", store] + (person.map { ["--as", $0] } ?? []) + args)
    }

    static func quoteIfNeeded(_ arg: String) -> String {
        arg.contains(where: { " \"'$".contains($0) }) ? "'\(arg.replacingOccurrences(of: "'", with: "'\\''"))'" : arg
    }
}
