import Hummingbird
import Logging
import Store

/// The outermost middleware: logs every refusal, and turns an error that is
/// not already a `SyncError` (a store failure, say) into a 500 with the
/// same JSON error body, so every answer a client sees has one shape.
struct RefusalMiddleware: RouterMiddleware {
    typealias Context = SyncRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SyncError {
            logger.notice("refused", metadata: ["code": "\(error.error.code)", "status": "\(error.status.code)", "path": "\(request.uri.path)"])
            throw error
        } catch let error as HTTPResponseError {
            throw error
        } catch let error as AccordError {
            logger.error("failed", metadata: ["code": "\(error.code)", "path": "\(request.uri.path)", "message": "\(error.message)"])
            throw SyncError.serverError(error)
        } catch {
            logger.error("failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw SyncError.serverError(AccordError("server_error", "\(error)"))
        }
    }
}
