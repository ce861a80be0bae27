import Foundation
import Hummingbird
import Logging
import NIOCore
import Store

/// Serves a replica over HTTP (DESIGN §7): any replica can serve; a hub is a
/// replica whose key is a `mirror` member.
public struct SyncServer: Sendable {
    public let store: Store
    public var logger: Logger

    /// The largest page a client may ask for, and the largest push accepted.
    public static let maxPageBytes = 8 * 1024 * 1024
    public static let maxPushBytes = 64 * 1024 * 1024
    public static let maxRequestBytes = 1024 * 1024

    public init(store: Store, logger: Logger = Logger(label: "accord.serve")) {
        self.store = store
        self.logger = logger
    }

    /// The Hummingbird application listening on `host:port` (port 0 picks a
    /// free one; `onRunning` learns which).
    public func application(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let router = Router()
        let authenticator = Authenticator(store: store)
        let store = self.store
        let logger = self.logger
        router.get("/v1/info") { _, _ -> Response in
            try SyncServer.respond {
                let catalog = try store.catalog()
                guard let project = try store.project() else { throw AccordError("not_a_project", "this replica holds no project") }
                return (.ok, CanonicalJSON.encode(ProjectInfo(project: project, name: catalog.projectName).json))
            }
        }
        router.post("/v1/sync") { request, _ -> Response in
            await SyncServer.handle(request, limit: SyncServer.maxRequestBytes, logger: logger) { body in
                let member = try await authenticator.authenticate(request, body: body, access: .read)
                let ask = try SyncRequest(body: body)
                guard ask.project == (try store.project()) else {
                    throw SyncFailure.badRequest(AccordError.wrongProject("this replica serves project \(try store.project() ?? "?")"))
                }
                let page = try store.missing(have: ask.have, maxBytes: min(ask.maxBytes, SyncServer.maxPageBytes))
                // Only the heads that differ from what the caller has: an
                // up-to-date peer gets back an empty object, not the vector.
                let held = try store.authorHeads()
                var heads = held.filter { ask.have[$0.key] != $0.value }
                for author in ask.have.keys where held[author] == nil { heads[author] = 0 }
                let response = SyncResponse(heads: heads, headsDigest: try store.headsDigest(), events: page.events, more: page.more)
                logger.info("sync", metadata: ["member": "\(member.name)", "events": "\(page.events.count)", "more": "\(page.more)"])
                return (.ok, response.body)
            }
        }
        router.post("/v1/events") { request, _ -> Response in
            await SyncServer.handle(request, limit: SyncServer.maxPushBytes, logger: logger) { body in
                let member = try await authenticator.authenticate(request, body: body, access: .push)
                let lines = JSONLines.split(body)
                let outcomes = try store.receive(lines)
                let results = zip(lines, outcomes).enumerated().map { i, pair in
                    PushResult(line: i + 1, id: (try? Event(bytes: pair.0))?.id, outcome: pair.1)
                }
                let accepted = outcomes.filter { $0 == .accepted }.count
                logger.info("push", metadata: ["member": "\(member.name)", "events": "\(lines.count)", "accepted": "\(accepted)"])
                return (.ok, PushResult.body(results))
            }
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Reads the body (up to `limit`), runs `work`, and turns every failure
    /// into the JSON error DESIGN §7 fixes; the server keeps serving.
    static func handle(_ request: Request, limit: Int, logger: Logger,
                       _ work: @Sendable ([UInt8]) async throws -> (HTTPResponse.Status, [UInt8])) async -> Response {
        var request = request
        let body: [UInt8]
        do {
            let buffer = try await request.collectBody(upTo: limit)
            body = Array(buffer.readableBytesView)
        } catch {
            return errorResponse(.contentTooLarge, AccordError("too_large", "the request body is over \(limit) bytes"))
        }
        do {
            let (status, bytes) = try await work(body)
            return response(status, bytes)
        } catch let failure as SyncFailure {
            logger.notice("refused", metadata: ["code": "\(failure.error.code)", "path": "\(request.uri.path)"])
            return errorResponse(failure.status, failure.error)
        } catch let error as AccordError {
            let status: HTTPResponse.Status = error.code == "bad_request" || error.code == "wrong_project" ? .badRequest : .internalServerError
            return errorResponse(status, error)
        } catch {
            return errorResponse(.internalServerError, AccordError("server_error", "\(error)"))
        }
    }

    static func respond(_ work: () throws -> (HTTPResponse.Status, [UInt8])) throws -> Response {
        do {
            let (status, bytes) = try work()
            return response(status, bytes)
        } catch let error as AccordError {
            return errorResponse(.internalServerError, error)
        }
    }

    static func response(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func errorResponse(_ status: HTTPResponse.Status, _ error: AccordError) -> Response {
        response(status, CanonicalJSON.encode(["error": .string(error.code), "message": .string(error.message)]))
    }
}
