import Foundation

extension Store {
    /// Creates a project in `root/.accord`: the keyring, a key named
    /// `keyName` (reused if the keyring has it), and the genesis event that
    /// makes that key's member the first lead.
    public static func initialize(at root: URL, projectName: String, as keyName: String) throws(AccordError) -> Store {
        let directory = root.appendingPathComponent(Store.directoryName)
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("store.sqlite").path) {
            throw AccordError("already_initialised", "\(root.path) already holds an accord project")
        }
        guard !projectName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AccordError("bad_name", "the project needs a name: --name NAME")
        }
        let store = try Store(directory: directory, create: true)
        let key = store.keyring.contains(keyName) ? try store.keyring.key(keyName) : try store.keyring.create(keyName)
        try store.append(Action(.projectCreated, ["name": .string(projectName), "member": .string(keyName)]), by: key)
        try store.setDefaultKey(keyName)
        return store
    }

    /// The key `--as` falls back to: the one this replica was created or
    /// cloned with.
    public func defaultKeyName() -> String? {
        (try? String(contentsOf: directory.appendingPathComponent("default-key"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func setDefaultKey(_ name: String) throws(AccordError) {
        do { try (name + "\n").write(to: directory.appendingPathComponent("default-key"), atomically: true, encoding: .utf8) } catch {
            throw AccordError("store_error", "cannot record the default key: \(error)")
        }
    }

    /// The current catalog (members, codes, documents).
    public func catalog(at moment: Moment = .now) throws(AccordError) -> Catalog {
        let view = try view(at: moment)
        do { return try view.read { try Catalog($0) } } catch let e as AccordError { throw e } catch {
            throw AccordError("store_error", "\(error)")
        }
    }
}
