import Crypto
import Foundation
import Store

/// The `Authorization: Accord key=HEX, ts=UNIX, sig=HEX` header (DESIGN §7).
///
/// The signature covers the method, the path, the timestamp and the SHA-256
/// of the body, so a captured request can be replayed neither elsewhere nor
/// later than five minutes, and — with the server's memory of signatures
/// seen — not at all.
public struct RequestSignature: Sendable, Equatable {
    public var key: String
    public var timestamp: Int64
    public var signature: String

    /// How far a request's `ts` may stray from the server's clock.
    public static let window: Int64 = 300

    /// The exact bytes that are signed.
    public static func message(method: String, path: String, timestamp: Int64, body: [UInt8]) -> [UInt8] {
        let digest = Hex.encode(SHA256.hash(data: body))
        return Array("\(method)\n\(path)\n\(timestamp)\n\(digest)".utf8)
    }

    public static func sign(method: String, path: String, body: [UInt8], key: SigningKey,
                            timestamp: Int64 = Int64(Date().timeIntervalSince1970)) -> RequestSignature {
        let sig = key.sign(message(method: method, path: path, timestamp: timestamp, body: body))
        return RequestSignature(key: key.publicHex, timestamp: timestamp, signature: sig)
    }

    public var header: String { "Accord key=\(key), ts=\(timestamp), sig=\(signature)" }

    /// Parses the header value; nil when it is not exactly this shape.
    public static func parse(_ header: String) -> RequestSignature? {
        guard header.hasPrefix("Accord ") else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst(7).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, fields[String(pair[0])] == nil else { return nil }
            fields[String(pair[0])] = String(pair[1])
        }
        guard fields.count == 3, let key = fields["key"], Hex.isDigest(key), let ts = fields["ts"].flatMap({ Int64($0) }),
              let sig = fields["sig"], Hex.isLowercase(sig, bytes: 64)
        else { return nil }
        return RequestSignature(key: key, timestamp: ts, signature: sig)
    }

    public func isValid(method: String, path: String, body: [UInt8]) -> Bool {
        guard let raw = Hex.decode(key), let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              let sig = Hex.decode(signature)
        else { return false }
        return publicKey.isValidSignature(sig, for: RequestSignature.message(method: method, path: path, timestamp: timestamp, body: body))
    }
}
