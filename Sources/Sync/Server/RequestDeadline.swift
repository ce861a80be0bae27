import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request has not fully arrived `timeout` after
/// its head: a body that trickles in a byte at a time, or one the server
/// is discarding after a refusal, holds a connection no longer than this.
///
/// Hummingbird's idle timeout covers the rest: a connection that sends no
/// complete request head, or whose body stops, for that long is closed.
final class RequestDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let timeout: TimeAmount
    let logger: Logger
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline?.cancel()
            let logger = self.logger
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                logger.notice("closing a connection whose request did not arrive in time")
                context.close(promise: nil)
            }
        case .body:
            break
        case .end:
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
