import Crypto
import Foundation

/// The `Content-Digest: sha-256=:BASE64:` header (RFC 9530) of a request
/// body. The signature covers the same SHA-256 (in hex), so a server can
/// authenticate a request from its headers alone and read the body only for
/// a member; it then checks that the body hashes to the digest.
public enum ContentDigest {
    public static func header(_ digest: [UInt8]) -> String { "sha-256=:\(Data(digest).base64EncodedString()):" }

    public static func header(body: [UInt8]) -> String { header(Array(SHA256.hash(data: body))) }

    /// The 32 digest bytes; nil unless the value is exactly one `sha-256`
    /// member (other algorithms, parameters and lists are refused).
    public static func parse(_ value: String) -> [UInt8]? {
        let text = value.trimmingCharacters(in: .whitespaces)
        let prefix = "sha-256=:"
        guard text.utf8.count == prefix.utf8.count + 45, text.hasPrefix(prefix), text.hasSuffix(":") else { return nil }
        let encoded = text.dropFirst(prefix.count).dropLast()
        guard let data = Data(base64Encoded: String(encoded)), data.count == 32 else { return nil }
        return Array(data)
    }
}
