import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Store
import Sync

struct Serve: AsyncParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        abstract: "Serve this replica to other replicas over HTTP or HTTPS (sync protocol 2).",
        discussion: """
            Any replica can serve. A hub is a replica whose key is a `mirror` member. Stop with Ctrl-C (SIGINT) or SIGTERM.
            Facing a network, serve HTTPS (--tls-cert and --tls-key, or a TLS reverse proxy): README, Security.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "HOST:PORT to listen on.") var listen = "127.0.0.1:8470"
    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain to serve HTTPS with (with --tls-key).") var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-cert.") var tlsKey: String?
    @Option(name: .customLong("max-connections"), help: "Open connections at once; more wait.")
    var maxConnections = ServerLimits().maxConnections
    @Option(name: .customLong("max-requests"), help: "Signed requests served at once; more are told to retry (503).")
    var maxRequests = ServerLimits().maxRequests
    @Option(name: .customLong("max-requests-per-key"), help: "Signed requests served at once per key; more are told to retry (429).")
    var maxRequestsPerKey = ServerLimits().maxRequestsPerKey
    @Option(name: .customLong("max-push-lines"), help: "Events in one push request.") var maxPushLines = ServerLimits().maxPushLines
    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may sit without a request arriving.")
    var idleTimeout = Int(ServerLimits().idleTimeout.components.seconds)
    @Option(name: .customLong("request-timeout"), help: "Seconds a request's head and body may take to arrive.")
    var requestTimeout = Int(ServerLimits().requestTimeout.components.seconds)

    func validate() throws {
        _ = try endpoint
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: the certificate chain and its private key")
        }
        for (name, value, least) in [("--max-connections", maxConnections, 1), ("--max-requests", maxRequests, 1),
                                     ("--max-requests-per-key", maxRequestsPerKey, 1), ("--max-push-lines", maxPushLines, 1),
                                     ("--idle-timeout", idleTimeout, 1), ("--request-timeout", requestTimeout, 1)] where value < least {
            throw ValidationError("\(name) must be at least \(least); got \(value)")
        }
    }

    /// --listen as a host and a port.
    var endpoint: (host: String, port: Int) {
        get throws(AccordError) {
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), port >= 0, port < 65536 else {
                throw AccordError("bad_listen", "--listen takes HOST:PORT, e.g. 127.0.0.1:8470; got `\(listen)`")
            }
            return (String(listen[..<colon]), port)
        }
    }

    func run() async throws {
        let (host, port) = try endpoint
        let store = try global.openStore()
        guard let project = try store.project() else { throw AccordError("not_a_project", "this replica holds no project") }
        var logger = Logger(label: "accord.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        var limits = ServerLimits()
        limits.maxConnections = maxConnections
        limits.maxRequests = maxRequests
        limits.maxRequestsPerKey = maxRequestsPerKey
        limits.maxPushLines = maxPushLines
        limits.idleTimeout = .seconds(idleTimeout)
        limits.requestTimeout = .seconds(requestTimeout)
        let tls = tlsCert.map { ServerTLS(certificateFile: $0, keyFile: tlsKey ?? "") }
        let scheme = tls == nil ? "http" : "https"
        let app = try SyncServer(store: store, limits: limits, tls: tls, logger: logger).application(host: host, port: port) { bound in
            print("serving project \(project) on \(scheme)://\(host):\(bound)")
            fflush(nil)
        }
        try await app.runService()
    }
}
