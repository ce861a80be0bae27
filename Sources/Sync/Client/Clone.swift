import Foundation
import Store

extension Replicator {
    /// Makes a new replica of the project a server announces: checks the
    /// genesis event it receives is the project `/v1/info` named, so a
    /// server cannot pass off another project's log.
    ///
    /// `ca` is a PEM CA certificate to trust for an `https://` URL; it is
    /// remembered with the remote `origin`, as is the replica id the server announced.
    public static func clone(from url: URL, into root: URL, keyFile: URL, as name: String, ca: String? = nil,
                             progress: (@Sendable (String, Int) -> Void)? = nil) async throws(AccordError) -> (Store, SyncSummary) {
        let directory = root.appendingPathComponent(Store.directoryName)
        guard !FileManager.default.fileExists(atPath: directory.path) else {
            throw AccordError("already_initialised", "\(root.path) already holds an accord replica")
        }
        let key = try Keyring.readKeyFile(keyFile)
        let client = try SyncClient(base: url, key: key, ca: ca.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        let info = try await client.info()
        let store = try Store(directory: directory, create: true)
        do {
            try store.keyring.store(key, as: name)
            try store.setDefaultKey(name)
            let first = try await client.sync(SyncRequest(project: info.project, have: [:], maxBytes: 64 * 1024))
            guard let genesis = first.events.first.flatMap({ try? Event(bytes: $0) }), genesis.type == .projectCreated,
                  genesis.id == info.project
            else {
                throw AccordError("wrong_project", "the server announced project \(info.project) but sent a different genesis event")
            }
            let outcomes = try store.receive(first.events)
            if case .rejected(let error)? = outcomes.first { throw error }
            var summary = try await Replicator(store: store, client: client).run(progress: progress)
            summary.pulled += outcomes.filter { $0 == .accepted }.count
            try Remotes(store: store).add("origin", url.absoluteString, ca: ca, replica: info.replica)
            return (store, summary)
        } catch let error as AccordError {
            try? FileManager.default.removeItem(at: directory)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw AccordError("clone_failed", "\(error)")
        }
    }
}
