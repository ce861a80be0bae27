import Foundation
import Hummingbird
import Logging
import Store

/// The routes of events/README.md §14, protocol 2: thin adapters from HTTP
/// to a `SyncService`. Authentication and the body happen in
/// `Authentication` before a signed route runs.
struct SyncRoutes: Sendable {
    let service: any SyncService
    let info: InfoCache
    let limits: ServerLimits
    let logger: Logger

    func add(to router: Router<SyncRequestContext>) {
        let budget = RequestBudget(total: limits.maxRequests, perKey: limits.maxRequestsPerKey)
        router.get(RouterPath(SyncWire.infoPath)) { _, _ -> Response in
            SyncRoutes.json(try await info.body())
        }
        for path in SyncWire.retiredPaths {
            router.post(RouterPath(path)) { _, _ -> Response in throw SyncError.protocolMismatch }
        }
        router.group(RouterPath(SyncWire.syncPath))
            .add(middleware: Authentication(access: .read, bodyLimit: limits.maxSyncRequestBytes, service: service, identity: info,
                                            budget: budget))
            .post { request, context in try await sync(request, context) }
        router.group(RouterPath(SyncWire.eventsPath))
            .add(middleware: Authentication(access: .push, bodyLimit: limits.maxPushBytes, service: service, identity: info,
                                            budget: budget))
            .post { request, context in try await push(request, context) }
    }

    /// `POST /v2/sync`: a page of what the caller lacks.
    func sync(_ request: Request, _ context: SyncRequestContext) async throws -> Response {
        let caller = try context.authenticated()
        let ask: SyncRequest
        let body = try await SyncRoutes.bytes(request)
        do { ask = try SyncRequest(body: body) } catch { throw SyncError.badRequest(error) }
        let project = try await info.info().project
        guard ask.project == project else {
            throw SyncError.badRequest(.wrongProject("this replica serves project \(project)"))
        }
        let snapshot = try await service.page(have: ask.have, maxBytes: min(ask.maxBytes, limits.maxPageBytes))
        // Only the heads that differ from what the caller has: an up-to-date
        // peer gets back an empty object, not the vector.
        var heads = snapshot.heads.filter { ask.have[$0.key] != $0.value }
        for author in ask.have.keys where snapshot.heads[author] == nil { heads[author] = 0 }
        let response = SyncResponse(heads: heads, headsDigest: snapshot.headsDigest, events: snapshot.page.events, more: snapshot.page.more)
        logger.info("sync", metadata: ["member": "\(caller.name)", "events": "\(response.events.count)", "more": "\(response.more)"])
        return SyncRoutes.streamed(response.bodyPieces, length: response.bodyLength)
    }

    /// `POST /v2/events`: each pushed line judged on its own.
    func push(_ request: Request, _ context: SyncRequestContext) async throws -> Response {
        let caller = try context.authenticated()
        let body = try await SyncRoutes.bytes(request)
        guard JSONLines.count(body, atMost: limits.maxPushLines) <= limits.maxPushLines else {
            throw SyncError.tooManyLines(limits.maxPushLines)
        }
        let lines = JSONLines.split(body)
        let received = try await service.receive(lines)
        let results = received.enumerated().map { i, line in PushResult(line: i + 1, id: line.id, outcome: line.outcome) }
        let accepted = received.filter { $0.outcome == .accepted }.count
        logger.info("push", metadata: ["member": "\(caller.name)", "events": "\(lines.count)", "accepted": "\(accepted)"])
        return SyncRoutes.streamed(PushResult.bodyPieces(results), length: nil)
    }

    /// The body `Authentication` already collected (and capped).
    static func bytes(_ request: Request) async throws -> [UInt8] {
        var request = request
        return Array(try await request.collectBody(upTo: .max).readableBytesView)
    }

    static func json(_ buffer: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }

    /// A response written piece by piece in buffers of about 64 KiB, so no
    /// whole body is ever built in memory.
    static func streamed<Pieces: Sequence & Sendable>(_ pieces: Pieces, length: Int?) -> Response where Pieces.Element == [UInt8] {
        let chunk = 64 * 1024
        let body = ResponseBody(contentLength: length) { writer in
            var buffer = ByteBufferAllocator().buffer(capacity: chunk)
            for piece in pieces {
                buffer.writeBytes(piece)
                if buffer.readableBytes >= chunk {
                    try await writer.write(buffer)
                    buffer = ByteBufferAllocator().buffer(capacity: chunk)
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }
}
