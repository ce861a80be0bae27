import Foundation

/// The keys a replica can sign with, one file per name in `.accord/keys/`.
///
/// `NAME.key` holds the private key in hex and is created readable by its
/// owner only (0600), as ssh does with identities; `NAME.pub` holds the public
/// key so that it can be read and shared without touching the secret.
public struct Keyring: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".key") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Whether the keyring holds a key named `name`; a name that is no
    /// valid key name (`../../alice`, say) is never held, so no file
    /// outside the keyring is ever read as a key.
    public func contains(_ name: String) -> Bool {
        Keyring.isValidName(name) && FileManager.default.fileExists(atPath: url(name, "key").path)
    }

    /// Creates a new key named `name`; refuses to overwrite one.
    @discardableResult
    public func create(_ name: String) throws(AccordError) -> SigningKey {
        let key = SigningKey()
        try store(key, as: name)
        return key
    }

    public func store(_ key: SigningKey, as name: String) throws(AccordError) {
        guard Keyring.isValidName(name) else {
            throw AccordError("bad_name", "key name `\(name)` may hold letters, digits, '.', '_' and '-' only")
        }
        guard !contains(name) else { throw AccordError("key_exists", "a key named `\(name)` already exists in \(directory.path)") }
        try Keyring.writeKeyFile(key, to: url(name, "key"))
        try? (key.publicHex + "\n").write(to: url(name, "pub"), atomically: true, encoding: .utf8)
    }

    public func key(_ name: String) throws(AccordError) -> SigningKey {
        guard Keyring.isValidName(name) else {
            throw AccordError("bad_name", "key name `\(name)` may hold letters, digits, '.', '_' and '-' only")
        }
        guard contains(name) else {
            let known = names()
            throw AccordError("unknown_key", "no key named `\(name)` in this replica's keyring"
                + (known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))") + "; create one with `accord key new \(name)`")
        }
        return try Keyring.readKeyFile(url(name, "key"))
    }

    /// The name of the key with this public hex, if the keyring has it.
    public func name(ofPublic hex: String) -> String? {
        names().first { (try? key($0).publicHex) == hex }
    }

    func url(_ name: String, _ ext: String) -> URL { directory.appendingPathComponent("\(name).\(ext)") }

    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)
        }
    }

    /// Writes a private key file created with mode 0600 from the start, so the
    /// secret is never readable by others, not even for an instant.
    public static func writeKeyFile(_ key: SigningKey, to url: URL) throws(AccordError) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw AccordError("key_write_failed", "cannot create key file \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let line = Array((key.privateHex + "\n").utf8)
        guard write(fd, line, line.count) == line.count else {
            throw AccordError("key_write_failed", "cannot write key file \(url.path)")
        }
    }

    public static func readKeyFile(_ url: URL) throws(AccordError) -> SigningKey {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let raw = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 32
        else { throw AccordError("bad_key", "\(url.path) does not hold a 32-byte hex private key") }
        return try SigningKey(rawPrivate: raw)
    }
}
