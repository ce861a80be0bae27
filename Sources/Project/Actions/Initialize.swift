import Foundation
import Store

extension Replica {
    /// Creates a project in `root/.accord`: the keyring, a key named
    /// `keyName` (reused if the keyring has it), and the genesis event that
    /// makes that key's member the first lead.
    public static func initialize(at root: URL, projectName: String, as keyName: String) throws(AccordError) -> Replica {
        let directory = root.appendingPathComponent(Store.directoryName)
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("store.sqlite").path) {
            throw AccordError("already_initialised", "\(root.path) already holds an accord project")
        }
        guard !projectName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AccordError("bad_name", "the project needs a name: --name NAME")
        }
        let store = try Store(directory: directory, create: true)
        let key = store.keyring.contains(keyName) ? try store.keyring.key(keyName) : try store.keyring.create(keyName)
        try store.append(Action(.projectCreated(ProjectCreated(name: projectName, member: keyName))), by: key)
        try store.setDefaultKey(keyName)
        return Replica(store: store)
    }
}
