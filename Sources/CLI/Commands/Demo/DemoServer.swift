import Foundation
import Store
import Sync

/// A replica served in the background of the demo, as `accord serve` would.
struct DemoServer {
    let server: ServedReplica
    var url: String { "http://127.0.0.1:\(server.port)" }

    static func start(folder: URL) async throws -> DemoServer {
        DemoServer(server: try await ServedReplica.start(try Store(directory: folder.appendingPathComponent(Store.directoryName))))
    }

    func stop() async { await server.stop() }
}
