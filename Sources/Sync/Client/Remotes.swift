import Foundation
import Store

/// One named remote: where it is, which CA to trust for it, and the
/// replica id it announced (so a sync needs no `/v1/info` round trip).
public struct Remote: Sendable, Equatable {
    public var url: URL
    /// Absolute path of a PEM CA certificate trusted for this `https://` remote.
    public var ca: String?
    public var replica: String?

    public init(url: URL, ca: String? = nil, replica: String? = nil) {
        self.url = url
        self.ca = ca
        self.replica = replica
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["url": .string(url.absoluteString)]
        if let ca { object["ca"] = .string(ca) }
        if let replica { object["replica"] = .string(replica) }
        return .object(object)
    }

    init?(json: JSONValue) {
        // A remote written before protocol 2 is its URL alone.
        if let text = json.stringValue, let url = URL(string: text) {
            self.init(url: url)
            return
        }
        guard let text = json["url"]?.stringValue, let url = URL(string: text) else { return nil }
        self.init(url: url, ca: json["ca"]?.stringValue, replica: json["replica"]?.stringValue)
    }

    /// A client signing with `key` for this remote, trusting its CA if it has one.
    public func client(key: SigningKey, clockFile: URL? = nil) throws(AccordError) -> SyncClient {
        try SyncClient(base: url, key: key, ca: ca, clockFile: clockFile, replica: replica)
    }
}

/// Named remotes of a replica, kept in `.accord/remotes.json` like git's
/// `[remote]` sections.
public struct Remotes: Sendable {
    public let file: URL

    public init(store: Store) { file = store.directory.appendingPathComponent("remotes.json") }

    /// Every remote's URL by name.
    public func all() -> [String: String] { remotes().mapValues(\.url.absoluteString) }

    func remotes() -> [String: Remote] {
        guard let data = try? Data(contentsOf: file), let json = try? JSONParser.parse(Array(data)) else { return [:] }
        return json.objectValue?.compactMapValues { Remote(json: $0) } ?? [:]
    }

    public func url(_ name: String) throws(AccordError) -> URL { try remote(name).url }

    public func remote(_ name: String) throws(AccordError) -> Remote {
        let remotes = remotes()
        guard let remote = remotes[name] else {
            let known = remotes.keys.sorted()
            throw AccordError("unknown_remote", "no remote `\(name)`" + (known.isEmpty ? "; add one with `accord remote add NAME URL`" : " (remotes: \(known.joined(separator: ", ")))"))
        }
        return remote
    }

    /// Adds a remote; `ca` (a PEM file, kept by its absolute path) is the CA
    /// to trust for an `https://` URL.
    public func add(_ name: String, _ url: String, ca: String? = nil, replica: String? = nil) throws(AccordError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
            throw AccordError("bad_url", "`\(url)` is not an http(s) URL like http://127.0.0.1:8470")
        }
        var remotes = remotes()
        guard remotes[name] == nil else { throw AccordError("remote_exists", "remote `\(name)` already exists (\(remotes[name]!.url.absoluteString))") }
        remotes[name] = Remote(url: parsed, ca: try Remotes.checkedCA(ca, for: parsed), replica: replica)
        try save(remotes)
    }

    /// Changes what is remembered of a remote: the CA to trust, the replica id it announced.
    public func update(_ name: String, ca: String? = nil, replica: String? = nil) throws(AccordError) {
        var remote = try self.remote(name)
        if let ca { remote.ca = try Remotes.checkedCA(ca, for: remote.url) }
        if let replica { remote.replica = replica }
        var remotes = remotes()
        guard remotes[name] != remote else { return }
        remotes[name] = remote
        try save(remotes)
    }

    public func remove(_ name: String) throws(AccordError) {
        var remotes = remotes()
        guard remotes.removeValue(forKey: name) != nil else { throw AccordError("unknown_remote", "no remote `\(name)`") }
        try save(remotes)
    }

    /// The CA file's absolute path, once it is known to hold a PEM certificate.
    static func checkedCA(_ ca: String?, for url: URL) throws(AccordError) -> String? {
        guard let ca else { return nil }
        guard url.scheme == "https" else { throw AccordError("bad_url", "--ca trusts a CA for https:// remotes; \(url.absoluteString) is not one") }
        let path = URL(fileURLWithPath: ca).standardizedFileURL.path
        _ = try TrustingTransport(caFile: path, timeout: 1)
        return path
    }

    func save(_ remotes: [String: Remote]) throws(AccordError) {
        do { try Data(CanonicalJSON.encode(.object(remotes.mapValues(\.json)))).write(to: file, options: .atomic) } catch {
            throw AccordError("store_error", "cannot write \(file.path): \(error)")
        }
    }
}
