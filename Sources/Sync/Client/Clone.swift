import Foundation
import Store

extension Replicator {
    /// Makes a new replica of the project a server announces: checks the
    /// genesis event it receives is the project `/v1/info` named, so a
    /// server cannot pass off another project's log.
    ///
    /// `ca` is a PEM CA certificate to trust for an `https://` URL; it is
    /// remembered with the remote `origin`, as is the replica id the server announced.
    ///
    /// `origin` is recorded as soon as the genesis is held, before the rest
    /// is pulled: a clone stopped after that point (killed, cut off) is a
    /// replica holding a causally closed prefix of the log, which
    /// `accord sync` finishes. Before it the folder holds nothing worth
    /// keeping and is removed.
    public static func clone(from url: URL, into root: URL, keyFile: URL, as name: String, ca: String? = nil,
                             progress: (@Sendable (String, Int) -> Void)? = nil) async throws(AccordError) -> (Store, SyncSummary) {
        let directory = root.appendingPathComponent(Store.directoryName)
        guard !FileManager.default.fileExists(atPath: directory.path) else {
            throw AccordError("already_initialised", "\(root.path) already holds an accord replica; "
                + "to finish a clone that was stopped, run `accord sync` in it")
        }
        let key = try Keyring.readKeyFile(keyFile)
        let ca = ca.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        // The request clock lives with the replica from the first request on,
        // so the first `accord sync` never repeats a stamp the clone used.
        let client = try SyncClient(base: url, key: key, ca: ca, clockFile: directory.appendingPathComponent("request-clock"))
        let info = try await client.info()
        let store = try Store(directory: directory, create: true)
        let first: [ReceiveOutcome]
        do {
            try store.keyring.store(key, as: name)
            try store.setDefaultKey(name)
            let page = try await client.sync(SyncRequest(project: info.project, have: [:], maxBytes: 64 * 1024))
            guard let genesis = page.events.first.flatMap({ try? Event(bytes: $0) }), genesis.type == .projectCreated,
                  genesis.id == info.project
            else {
                throw AccordError("wrong_project", "the server announced project \(info.project) but sent a different genesis event")
            }
            first = try store.receive(page.events)
            if case .rejected(let error)? = first.first { throw error }
            try Remotes(store: store).add("origin", url.absoluteString, ca: ca, replica: info.replica)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error as? AccordError ?? AccordError("clone_failed", "\(error)")
        }
        do {
            var summary = try await Replicator(store: store, client: client).run(progress: progress)
            summary.pulled += first.filter { $0 == .accepted }.count
            return (store, summary)
        } catch {
            throw AccordError(error.code, "\(error.message); the clone in \(root.path) is partial: run `accord sync` in it to finish")
        }
    }
}
