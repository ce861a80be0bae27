import AccordTesting
import Foundation
import Testing
@testable import Store

/// Issue 10, row 9: a key is only ever read from the keyring's own folder.
@Suite struct KeyringTests {
    /// A key file planted one folder above the keyring, named as a CSV
    /// `coder` or `--as` could name it: never read, refused as a bad name.
    @Test func aNameReachingOutsideTheKeyringIsRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("accord-keyring-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let keyring = Keyring(directory: root.appendingPathComponent("keys"))
        try keyring.create("alice")
        let outside = SigningKey(seed: "keyring-outside")
        try Keyring.writeKeyFile(outside, to: root.appendingPathComponent("planted.key"))

        for name in ["../planted", "../keys/alice", "/etc/passwd", "alice/../alice", ".hidden", ""] {
            #expect(!keyring.contains(name), "\(name)")
            #expect(throws: AccordError.self, "\(name)") { try keyring.key(name) }
            do { _ = try keyring.key(name) } catch { #expect(error.code == "bad_name", "\(name): \(error.code)") }
        }
        #expect(keyring.contains("alice"))
        #expect(try keyring.key("alice").publicHex == (try Keyring.readKeyFile(keyring.url("alice", "key")).publicHex))
    }
}
