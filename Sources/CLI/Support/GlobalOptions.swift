import ArgumentParser
import Foundation
import Store

/// `--store` and `--as`, accepted before the command (`accord --as bob apply …`)
/// or after it, and from `ACCORD_STORE` / `ACCORD_AS`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The project folder (or its .accord folder); default: found by walking up from here.")
    var store: String?

    @Option(name: .customLong("as"), help: "The keyring key to act as (default: ACCORD_AS, else the replica's own key).")
    var actor: String?

    /// Values given before the command name, lifted out of argv by `main`.
    nonisolated(unsafe) static var leading: [String: String] = [:]

    var storePath: String? { store ?? GlobalOptions.leading["store"] ?? ProcessInfo.processInfo.environment["ACCORD_STORE"] }
    var actorName: String? { actor ?? GlobalOptions.leading["as"] ?? ProcessInfo.processInfo.environment["ACCORD_AS"] }

    /// Removes `--store X` / `--as X` (and `=` forms) that precede the command.
    static func liftLeading(_ args: inout [String]) {
        var i = 0
        while i < args.count, args[i].hasPrefix("--") {
            let arg = args[i]
            var matched = false
            for name in ["store", "as"] {
                if arg == "--\(name)", i + 1 < args.count {
                    leading[name] = args[i + 1]
                    args.removeSubrange(i...i + 1)
                    matched = true
                } else if arg.hasPrefix("--\(name)=") {
                    leading[name] = String(arg.dropFirst(name.count + 3))
                    args.remove(at: i)
                    matched = true
                }
                if matched { break }
            }
            if !matched { break }
        }
    }

    /// The store directory named by --store, or found by walking up.
    func storeDirectory() throws(AccordError) -> URL {
        if let path = storePath {
            let url = URL(fileURLWithPath: path)
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".accord/store.sqlite").path) {
                return url.appendingPathComponent(".accord")
            }
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("store.sqlite").path) { return url }
            throw AccordError("not_a_project", "\(path) is not an accord project (no .accord/store.sqlite); run `accord init` there first")
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let found = Store.locate(from: cwd) else {
            throw AccordError("not_a_project", "not an accord project (or any parent folder): run `accord init --name NAME --as YOU`, or pass --store")
        }
        return found
    }

    /// Opens the store; a name given with --as or ACCORD_AS must be in its
    /// keyring, for read commands too.
    func openStore() throws(AccordError) -> Store {
        let store = try Store(directory: storeDirectory())
        if let name = actorName { _ = try store.keyring.key(name) }
        return store
    }

    /// The key to act as: --as, ACCORD_AS, or the replica's default key.
    func key(in store: Store) throws(AccordError) -> SigningKey {
        guard let name = actorName ?? store.defaultKeyName() else {
            throw AccordError("unknown_key", "say who you are with --as NAME (keys: \(store.keyring.names().joined(separator: ", ")))")
        }
        return try store.keyring.key(name)
    }

    /// The reader's key. Read commands work without one, but a name given
    /// with --as or ACCORD_AS must exist: a mistyped name must not read as
    /// nobody (which would also lift blind coding).
    func readerKey(in store: Store) throws(AccordError) -> SigningKey? {
        if actorName != nil { return try key(in: store) }
        return try? key(in: store)
    }
}

/// `--json` and `--at`, on every read command.
struct ReadOptions: ParsableArguments {
    @Flag(help: "Print one JSON document instead of a table.")
    var json = false

    @Option(help: "Show the state at an ISO-8601 time (events with time <= T) or at an event (its causal past).")
    var at: String?

    func moment() throws(AccordError) -> Moment {
        guard let at else { return .now }
        return try Moment.parse(at)
    }
}
