import Foundation
import Logging
import ServiceLifecycle
import Store

/// A replica served over loopback inside the current process, on a free
/// port, stopped gracefully (the way `accord serve` stops on SIGTERM): for
/// tests, and for the demo's hub.
public final class ServedReplica: Sendable {
    public let store: Store
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    public static func start(_ store: Store) async throws -> ServedReplica {
        var logger = Logger(label: "accord.test-server")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = SyncServer(store: store, logger: logger).application(host: "127.0.0.1", port: 0) { port in
            continuation.yield(port)
        }
        let group = ServiceGroup(services: [app], logger: logger)
        let task = Task { try await group.run() }
        var port = 0
        for await p in ports {
            port = p
            break
        }
        return ServedReplica(store: store, port: port, group: group, task: task)
    }

    init(store: Store, port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.store = store
        self.port = port
        self.group = group
        self.task = task
    }

    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
