import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import Store

/// Serves a replica over HTTP or HTTPS (DESIGN §7, events/README.md §14):
/// any replica can serve; a hub is a replica whose key is a `mirror` member.
public struct SyncServer: Sendable {
    public let service: any SyncService
    public var limits: ServerLimits
    public var tls: ServerTLS?
    public var logger: Logger

    public init(service: any SyncService, limits: ServerLimits = ServerLimits(), tls: ServerTLS? = nil,
                logger: Logger = Logger(label: "accord.serve")) {
        self.service = service
        self.limits = limits
        self.tls = tls
        self.logger = logger
    }

    /// Serves a local store.
    public init(store: Store, limits: ServerLimits = ServerLimits(), tls: ServerTLS? = nil,
                logger: Logger = Logger(label: "accord.serve")) throws(AccordError) {
        self.init(service: try StoreSyncService(store: store), limits: limits, tls: tls, logger: logger)
    }

    /// The routes behind their middleware: refusals logged and shaped first,
    /// then each signed route behind `Authentication`.
    public func router() -> Router<SyncRequestContext> {
        let router = Router(context: SyncRequestContext.self)
        router.add(middleware: RefusalMiddleware(logger: logger))
        SyncRoutes(service: service, info: InfoCache(service: service), limits: limits, logger: logger).add(to: router)
        return router
    }

    /// The Hummingbird application listening on `host:port` (port 0 picks a
    /// free one; `onRunning` learns which), with the limits' timeouts and
    /// connection cap, over TLS when `tls` is set.
    public func application(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        throws(AccordError) -> some ApplicationProtocol
    {
        let limits = self.limits
        let logger = self.logger
        // Request heads of a few hundred bytes; 16 KiB is room to spare and
        // bounds what each open connection can make the server hold.
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestDeadline(timeout: .nanoseconds(limits.requestTimeout.nanoseconds), logger: logger)],
            idleTimeout: .nanoseconds(limits.idleTimeout.nanoseconds),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 8 * 1024, maxHeaderListSize: 16 * 1024, maxHeaderFieldCount: 64))
        let server: HTTPServerBuilder
        if let tls {
            let configuration = try tls.configuration()
            do { server = try .tls(.http1(configuration: http1), tlsConfiguration: configuration) } catch {
                throw AccordError("bad_tls", "cannot serve TLS with \(tls.certificateFile) and \(tls.keyFile): \(error)")
            }
        } else {
            server = .http1(configuration: http1)
        }
        return Application(
            router: router(),
            server: server,
            configuration: .init(address: .hostname(host, port: port),
                                 availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: logger)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// The certificate chain and private key `accord serve --tls-cert/--tls-key` serves with.
public struct ServerTLS: Sendable, Equatable {
    public var certificateFile: String
    public var keyFile: String

    public init(certificateFile: String, keyFile: String) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }

    /// TLS 1.2 or later with the PEM files' chain and key; a file that
    /// cannot be read is refused before the server starts.
    public func configuration() throws(AccordError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificateFile) } catch {
            throw AccordError("bad_tls", "cannot read the certificate chain in \(certificateFile) (PEM expected): \(error)")
        }
        guard !chain.isEmpty else { throw AccordError("bad_tls", "\(certificateFile) holds no PEM certificate") }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: keyFile, format: .pem) } catch {
            throw AccordError("bad_tls", "cannot read the private key in \(keyFile) (PEM expected): \(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                      privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
