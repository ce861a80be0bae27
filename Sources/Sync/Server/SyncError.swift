import Foundation
import Hummingbird
import Store

/// A refused request: its HTTP status and the JSON body `{"error": code,
/// "message": text}` of events/README.md §14. Handlers and middleware throw
/// it; Hummingbird turns it into the response.
public struct SyncError: HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var error: AccordError
    /// Seconds after which a refused caller may try again (`Retry-After`).
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, _ error: AccordError, retryAfter: Int? = nil) {
        self.status = status
        self.error = error
        self.retryAfter = retryAfter
    }

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, retryAfter: Int? = nil) {
        self.init(status, AccordError(code, message), retryAfter: retryAfter)
    }

    public var description: String { "\(status.code) \(error)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body = CanonicalJSON.encode(["error": .string(error.code), "message": .string(error.message)])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension SyncError {
    // Authentication: the header, then the signature. Nothing here depends
    // on the key's standing, which is looked up only after the signature verifies.
    static let noAuthorization = SyncError(.unauthorized, "no_authorization",
        "sign the request: Authorization: Accord key=HEX, ts=UNIX, sig=HEX, with a Content-Digest header")
    static let badAuthorization = SyncError(.unauthorized, "bad_authorization",
        "the Authorization header is not `Accord key=HEX, ts=UNIX, sig=HEX`")
    static let noDigest = SyncError(.unauthorized, "bad_authorization",
        "the request lacks `Content-Digest: sha-256=:BASE64:`, the body's SHA-256 that the signature covers")
    static let staleRequest = SyncError(.unauthorized, "stale_request",
        "the request's ts is more than 5 minutes from the server's clock; check your clock")
    static let badSignature = SyncError(.unauthorized, "bad_signature",
        "the request signature does not verify (it covers the method, path, ts, this replica's id from /v1/info and the body's SHA-256)")
    // After the signature verified: only the key's holder sees these.
    static let unknownKey = SyncError(.unauthorized, "unknown_key", "this replica knows no member with this key")
    static let replayed = SyncError(.unauthorized, "replayed_request", "this signed request was already used; sign each request anew")
    static let notMember = SyncError(.forbidden, "not_member", "this key no longer belongs to a member of the project")
    static let auditorPush = SyncError(.forbidden, "forbidden", "an auditor reads but does not push events")
    static let badDigest = SyncError(.badRequest, "bad_digest", "the body does not hash to its Content-Digest")

    static func tooLarge(_ limit: Int) -> SyncError {
        SyncError(.contentTooLarge, "too_large", "the request body is over \(limit) bytes")
    }

    static func tooManyLines(_ limit: Int) -> SyncError {
        SyncError(.contentTooLarge, "too_many_lines", "a push holds at most \(limit) lines; send the rest in another push")
    }

    static func busy() -> SyncError {
        SyncError(.serviceUnavailable, "busy", "the server is serving as many requests as it allows; try again shortly", retryAfter: 1)
    }

    static func tooManyRequests(_ limit: Int) -> SyncError {
        SyncError(.tooManyRequests, "too_many_requests", "at most \(limit) requests per key at once; wait for one to finish", retryAfter: 1)
    }

    static let requestTimeout = SyncError(.requestTimeout, "request_timeout", "the request body did not arrive in time")

    static let protocolMismatch = SyncError(.badRequest, "protocol_mismatch",
        "this server speaks accord sync protocol \(SyncWire.version) (see GET /v1/info); upgrade accord to sync with it")

    static func badRequest(_ error: AccordError) -> SyncError { SyncError(.badRequest, error) }

    static func serverError(_ error: AccordError) -> SyncError { SyncError(.internalServerError, error) }
}
