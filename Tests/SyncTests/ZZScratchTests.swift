import AccordTesting
import Foundation
import Testing
@testable import Store
@testable import Sync

@Suite struct ZZScratch {
    @Test func raw() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let body = SyncRequest(project: p.project, have: try p.store.authorHeads(), maxBytes: 4 << 20 - 1).body
            let request = RawSocket.request("POST", "/v1/sync", body: body, key: p.alice, port: server.port)
            let socket = try RawSocket(port: server.port, receiveTimeout: 3)
            try socket.send(request)
            let got = socket.receive(upTo: 100_000)
            socket.close()
            print("SCRATCH got \(got.count): \(String(decoding: got, as: UTF8.self))")
        }
    }
}
