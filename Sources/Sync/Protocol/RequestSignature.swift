import Crypto
import Foundation
import Store

/// The `Authorization: Accord key=HEX, ts=UNIX, sig=HEX` header (events/README.md §14).
///
/// The signature covers the method, the path, the timestamp, the id of the
/// replica the request is for and the SHA-256 of the body, so a captured
/// request can be replayed neither elsewhere — another path, another replica
/// of the same project — nor later than five minutes, and, with the
/// server's ledger of signatures seen, not at all.
public struct RequestSignature: Sendable, Equatable {
    public var key: String
    public var timestamp: Int64
    public var signature: String

    /// How far a request's `ts` may stray from the server's clock.
    public static let window: Int64 = 300

    /// The exact bytes that are signed.
    public static func message(method: String, path: String, timestamp: Int64, replica: String, bodyDigest: [UInt8]) -> [UInt8] {
        Array("\(method)\n\(path)\n\(timestamp)\n\(replica)\n\(Hex.encode(bodyDigest))".utf8)
    }

    public static func message(method: String, path: String, timestamp: Int64, replica: String, body: [UInt8]) -> [UInt8] {
        message(method: method, path: path, timestamp: timestamp, replica: replica, bodyDigest: Array(SHA256.hash(data: body)))
    }

    public static func sign(method: String, path: String, replica: String, bodyDigest: [UInt8], key: SigningKey,
                            timestamp: Int64 = Int64(Date().timeIntervalSince1970)) -> RequestSignature {
        let sig = key.sign(message(method: method, path: path, timestamp: timestamp, replica: replica, bodyDigest: bodyDigest))
        return RequestSignature(key: key.publicHex, timestamp: timestamp, signature: sig)
    }

    public static func sign(method: String, path: String, replica: String, body: [UInt8], key: SigningKey,
                            timestamp: Int64 = Int64(Date().timeIntervalSince1970)) -> RequestSignature {
        sign(method: method, path: path, replica: replica, bodyDigest: Array(SHA256.hash(data: body)), key: key, timestamp: timestamp)
    }

    public var header: String { "Accord key=\(key), ts=\(timestamp), sig=\(signature)" }

    /// Parses the header value; nil when it is not exactly this shape.
    /// `ts` is 1 to 19 decimal digits without sign or leading zero that fit
    /// an Int64, so no later arithmetic on it can overflow.
    public static func parse(_ header: String) -> RequestSignature? {
        guard header.utf8.count <= 512, header.hasPrefix("Accord ") else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst(7).split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, fields[String(pair[0])] == nil else { return nil }
            fields[String(pair[0])] = String(pair[1])
        }
        guard fields.count == 3, let key = fields["key"], Hex.isDigest(key), let tsText = fields["ts"],
              let ts = parseTimestamp(tsText), let sig = fields["sig"], Hex.isLowercase(sig, bytes: 64)
        else { return nil }
        return RequestSignature(key: key, timestamp: ts, signature: sig)
    }

    static func parseTimestamp(_ text: String) -> Int64? {
        let digits = text.utf8
        guard (1...19).contains(digits.count), digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              digits.count == 1 || digits.first != UInt8(ascii: "0")
        else { return nil }
        return Int64(text)
    }

    /// Whether `ts` lies within `window` seconds of `now`, either way. Both
    /// are compared without subtracting them: `ts` may be anything an Int64
    /// holds.
    public func isFresh(now: Int64) -> Bool {
        timestamp >= now.subtractingReportingOverflow(RequestSignature.window).partialValue
            && timestamp <= now.addingReportingOverflow(RequestSignature.window).partialValue
    }

    /// Whether the signature verifies for this request, given the body's SHA-256.
    public func isValid(method: String, path: String, replica: String, bodyDigest: [UInt8]) -> Bool {
        guard let raw = Hex.decode(key), let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              let sig = Hex.decode(signature)
        else { return false }
        return publicKey.isValidSignature(sig, for: RequestSignature.message(method: method, path: path, timestamp: timestamp,
                                                                                replica: replica, bodyDigest: bodyDigest))
    }

    public func isValid(method: String, path: String, replica: String, body: [UInt8]) -> Bool {
        isValid(method: method, path: path, replica: replica, bodyDigest: Array(SHA256.hash(data: body)))
    }

    /// The raw signature bytes (64), for the server's ledger.
    public var signatureBytes: [UInt8] { Hex.decode(signature) ?? [] }
}
