import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Authenticates a signed request from its headers alone, then reads its
/// body — only for a member, only up to the route's cap — and puts the
/// caller in the context.
///
/// The order is the security argument (README, Security):
/// 1. the header is parsed strictly and its `ts` checked against the clock;
/// 2. the signature is verified against the `Content-Digest` the client
///    declares, which it covers: nothing about the key has been looked up
///    yet, so every refusal so far is the same for a member's key, a former
///    member's and a stranger's — no membership oracle;
/// 3. only then the key's standing and role;
/// 4. within the request budget, the replay ledger records the signature,
///    and the body is read up to the route's cap and must hash to the
///    declared digest.
/// A stranger's body is therefore never read at all.
struct Authentication: RouterMiddleware {
    typealias Context = SyncRequestContext

    enum Access { case read, push }

    let access: Access
    let bodyLimit: Int
    let service: any SyncService
    let identity: InfoCache
    let budget: RequestBudget

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw SyncError.noAuthorization }
        guard let signature = RequestSignature.parse(header) else { throw SyncError.badAuthorization }
        let digests = request.headers[values: Authentication.contentDigest]
        guard digests.count == 1, let digest = ContentDigest.parse(digests[0]) else { throw SyncError.noDigest }
        let now = Int64(Date().timeIntervalSince1970)
        guard signature.isFresh(now: now) else { throw SyncError.staleRequest }
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > bodyLimit {
            throw SyncError.tooLarge(bodyLimit)
        }
        let replica = try await identity.replica()
        guard signature.isValid(method: request.method.rawValue, path: request.uri.path, replica: replica, bodyDigest: digest) else {
            throw SyncError.badSignature
        }
        let caller: Caller
        switch try await service.standing(ofKey: signature.key) {
        case .unknown: throw SyncError.unknownKey
        case .former: throw SyncError.notMember
        case .member(let name, let role):
            if access == .push, role == .auditor { throw SyncError.auditorPush }
            caller = Caller(key: signature.key, name: name, role: role)
        }
        return try await budget.spend(caller.key) {
            guard try await service.admit(signature: signature.signatureBytes, timestamp: signature.timestamp, now: now) else {
                throw SyncError.replayed
            }
            var request = request
            guard try await Authentication.collect(&request, limit: bodyLimit) == digest else { throw SyncError.badDigest }
            var context = context
            context.caller = caller
            return try await next(request, context)
        }
    }

    static let contentDigest = HTTPField.Name(SyncWire.contentDigestHeader)!

    /// Reads the body, refusing it as soon as it passes `limit` bytes,
    /// leaves it in the request for the route, and returns its SHA-256 —
    /// hashed chunk by chunk as it arrives, so no single step holds a
    /// cooperative thread for long. (`RequestDeadline` bounds how long the
    /// whole may take.)
    static func collect(_ request: inout Request, limit: Int) async throws -> [UInt8] {
        var collected = ByteBuffer()
        var hasher = SHA256()
        for try await chunk in request.body {
            guard collected.readableBytes + chunk.readableBytes <= limit else { throw SyncError.tooLarge(limit) }
            chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            var chunk = chunk
            collected.writeBuffer(&chunk)
        }
        request.body = RequestBody(buffer: collected)
        return Array(hasher.finalize())
    }
}
