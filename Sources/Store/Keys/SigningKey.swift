import Crypto
import Foundation

/// An author's Ed25519 key. Its public half, in lowercase hex, is the author id.
public struct SigningKey: Sendable {
    let key: Curve25519.Signing.PrivateKey

    public init() { key = Curve25519.Signing.PrivateKey() }

    /// A key from its 32 raw private bytes (fixed test keys, stored keys).
    public init(rawPrivate: [UInt8]) throws(AccordError) {
        do { key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivate) } catch {
            throw AccordError("bad_key", "a private key is 32 bytes")
        }
    }

    /// A deterministic key for test vectors and reproducible benchmarks.
    public init(seed: String) {
        key = try! Curve25519.Signing.PrivateKey(rawRepresentation: Array(SHA256.hash(data: Array(seed.utf8))))
    }

    public var publicHex: String { Hex.encode(key.publicKey.rawRepresentation) }
    public var authorID: AuthorID { AuthorID(bytes: key.publicKey.rawRepresentation)! }
    public var privateHex: String { Hex.encode(key.rawRepresentation) }

    /// Signs the 32 bytes of an event id (DESIGN §3) or a request digest.
    public func sign(_ message: [UInt8]) -> String {
        Hex.encode(signature(message))
    }

    /// The 64 signature bytes of `message`.
    public func signature(_ message: [UInt8]) -> [UInt8] {
        // Signing with a valid private key cannot fail; swift-crypto's API throws only for foreign key types.
        Array(try! key.signature(for: message))
    }
}
