import Foundation
import Hummingbird
import Store

/// A refused request: the HTTP status and the JSON error DESIGN §7 fixes.
struct SyncFailure: Error {
    var status: HTTPResponse.Status
    var error: AccordError

    static func unauthorized(_ code: String, _ message: String) -> SyncFailure { .init(status: .unauthorized, error: .init(code, message)) }
    static func forbidden(_ code: String, _ message: String) -> SyncFailure { .init(status: .forbidden, error: .init(code, message)) }
    static func badRequest(_ error: AccordError) -> SyncFailure { .init(status: .badRequest, error: error) }
}

/// Checks a request's signature and its author's standing in the project.
struct Authenticator: Sendable {
    let store: Store
    let replay = ReplayGuard()

    enum Access { case read, push }

    /// The authenticated member, or a refusal: 401 for a missing, malformed,
    /// unknown, stale, reused or wrong signature; 403 for a key that is not
    /// (or no longer) a member, or whose role may not do this.
    func authenticate(_ request: Request, body: [UInt8], access: Access) async throws(SyncFailure) -> Catalog.Member {
        guard let header = request.headers[.authorization] else {
            throw .unauthorized("no_authorization", "sign the request: Authorization: Accord key=HEX, ts=UNIX, sig=HEX")
        }
        guard let signature = RequestSignature.parse(header) else {
            throw .unauthorized("bad_authorization", "the Authorization header is not `Accord key=HEX, ts=UNIX, sig=HEX`")
        }
        let now = Int64(Date().timeIntervalSince1970)
        guard abs(now - signature.timestamp) <= RequestSignature.window else {
            throw .unauthorized("stale_request", "the request's ts is more than 5 minutes from the server's clock; check your clock")
        }
        let standing: (known: Bool, member: Catalog.Member?)
        do { standing = try store.membership(ofKey: signature.key) } catch {
            throw SyncFailure(status: .internalServerError, error: error)
        }
        guard standing.known else { throw .unauthorized("unknown_key", "this replica knows no member with key \(signature.key.prefix(12))…") }
        guard signature.isValid(method: request.method.rawValue, path: request.uri.path, body: body) else {
            throw .unauthorized("bad_signature", "the request signature does not verify")
        }
        guard await replay.admit(key: signature.key, signature: signature.signature, timestamp: signature.timestamp, now: now) else {
            throw .unauthorized("replayed_request", "this signed request was already used; sign each request anew")
        }
        guard let member = standing.member else {
            throw .forbidden("not_member", "this key no longer belongs to a member of the project")
        }
        if access == .push, member.role == .auditor {
            throw .forbidden("forbidden", "an auditor reads but does not push events")
        }
        return member
    }
}
