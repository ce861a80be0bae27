import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Store
import Sync

struct Serve: AsyncParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        abstract: "Serve this replica to other replicas over HTTP (sync protocol v1).",
        discussion: "Any replica can serve. A hub is a replica whose key is a `mirror` member. Stop with Ctrl-C (SIGINT) or SIGTERM.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "HOST:PORT to listen on.") var listen = "127.0.0.1:8470"

    func validate() throws {
        _ = try endpoint
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
        let app = SyncServer(store: store, logger: logger).application(host: host, port: port) { bound in
            print("serving project \(project) on http://\(host):\(bound)")
            fflush(nil)
        }
        try await app.runService()
    }
}
