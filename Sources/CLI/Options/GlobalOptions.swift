import ArgumentParser
import Foundation
import Store

/// `--store` and `--as`, on every command that opens a store. They may come
/// before the command (`accord --as bob apply …`; `movedAfterCommand` puts
/// them where this group parses them) or after it, and default to
/// `ACCORD_STORE` / `ACCORD_AS`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The project folder (or its .accord folder); default: found by walking up from here.")
    var store: String?

    @Option(name: .customLong("as"), help: "The keyring key to act as (default: ACCORD_AS, else the replica's own key).")
    var actor: String?

    var storePath: String? { store ?? ProcessInfo.processInfo.environment["ACCORD_STORE"] }
    var actorName: String? { actor ?? ProcessInfo.processInfo.environment["ACCORD_AS"] }

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

/// A command that takes `GlobalOptions`: global options typed before it are
/// moved to it. Any other command (`clone`, `demo`, a command group) ignores
/// them, as it has no use for them.
protocol TakesGlobalOptions: ParsableCommand {
    var global: GlobalOptions { get }
}
