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
    /// The served replica's id, which signed requests name.
    public let replica: String
    public let scheme: String
    let group: ServiceGroup
    let task: Task<Void, any Error>

    public var url: URL { URL(string: "\(scheme)://127.0.0.1:\(port)")! }

    public static func start(_ store: Store, limits: ServerLimits = ServerLimits(), tls: ServerTLS? = nil) async throws -> ServedReplica {
        try await start(try StoreSyncService(store: store), store: store, limits: limits, tls: tls)
    }

    /// Serves `service` (a stand-in, in tests) for `store`.
    public static func start(_ service: any SyncService, store: Store, limits: ServerLimits = ServerLimits(),
                             tls: ServerTLS? = nil) async throws -> ServedReplica {
        var logger = Logger(label: "accord.test-server")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = try SyncServer(service: service, limits: limits, tls: tls, logger: logger).application(host: "127.0.0.1", port: 0) { port in
            continuation.yield(port)
        }
        let group = ServiceGroup(services: [app], logger: logger)
        let task = Task { try await group.run() }
        var port = 0
        for await p in ports {
            port = p
            break
        }
        let replica: String
        if let served = try? await service.info() { replica = served.replica } else { replica = try await store.replicaID() }
        return ServedReplica(store: store, port: port, replica: replica, scheme: tls == nil ? "http" : "https", group: group, task: task)
    }

    init(store: Store, port: Int, replica: String, scheme: String, group: ServiceGroup, task: Task<Void, any Error>) {
        self.store = store
        self.port = port
        self.replica = replica
        self.scheme = scheme
        self.group = group
        self.task = task
    }

    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
