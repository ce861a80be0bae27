import Foundation
import Store

/// Named remotes of a replica, kept in `.accord/remotes.json` like git's
/// `[remote]` sections.
public struct Remotes: Sendable {
    public let file: URL

    public init(store: Store) { file = store.directory.appendingPathComponent("remotes.json") }

    public func all() -> [String: String] {
        guard let data = try? Data(contentsOf: file), let json = try? JSONParser.parse(Array(data)) else { return [:] }
        return json.objectValue?.compactMapValues(\.stringValue) ?? [:]
    }

    public func url(_ name: String) throws(AccordError) -> URL {
        guard let text = all()[name], let url = URL(string: text) else {
            let known = all().keys.sorted()
            throw AccordError("unknown_remote", "no remote `\(name)`" + (known.isEmpty ? "; add one with `accord remote add NAME URL`" : " (remotes: \(known.joined(separator: ", ")))"))
        }
        return url
    }

    public func add(_ name: String, _ url: String) throws(AccordError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
            throw AccordError("bad_url", "`\(url)` is not an http(s) URL like http://127.0.0.1:8470")
        }
        var remotes = all()
        guard remotes[name] == nil else { throw AccordError("remote_exists", "remote `\(name)` already exists (\(remotes[name]!))") }
        remotes[name] = url
        try save(remotes)
    }

    public func remove(_ name: String) throws(AccordError) {
        var remotes = all()
        guard remotes.removeValue(forKey: name) != nil else { throw AccordError("unknown_remote", "no remote `\(name)`") }
        try save(remotes)
    }

    func save(_ remotes: [String: String]) throws(AccordError) {
        do { try Data(CanonicalJSON.encode(.object(remotes.mapValues { .string($0) }))).write(to: file, options: .atomic) } catch {
            throw AccordError("store_error", "cannot write \(file.path): \(error)")
        }
    }
}
