import AccordTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Store
@testable import Sync

/// Protocol 2 binds requests to a replica: a wire change, so each side
/// tells a peer of the other version clearly what to do (events/README.md §14).
@Suite struct ProtocolVersionTests {
    @Test func infoAnnouncesProtocol2AndTheReplica() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let info = try await RawHTTP.send(server.url, "GET", SyncWire.infoPath, authorization: nil)
            let object = try #require(info.json?.objectValue)
            #expect(Set(object.keys) == ["project", "name", "protocol", "replica"])
            #expect(object["protocol"]?.intValue == 2)
            #expect(object["project"]?.stringValue == p.project)
            #expect(object["name"]?.stringValue == "test")
            let replica = try #require(object["replica"]?.stringValue)
            #expect(Hex.isLowercase(replica, bytes: 16))
            #expect(replica == (try await p.store.replicaID()), "the id is kept in the store")
        }
    }

    /// A protocol-1 accord calling the old endpoints learns it must upgrade.
    @Test func theProtocol1EndpointsAnswerProtocolMismatch() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let v1Header = "Accord key=\(p.alice.publicHex), ts=\(Int64(Date().timeIntervalSince1970)), sig=\(String(repeating: "0", count: 128))"
            for path in SyncWire.retiredPaths {
                for header in [v1Header, nil] {
                    let r = try await RawHTTP.send(server.url, "POST", path, body: syncBody(project: p.project), authorization: header, digest: .some(nil))
                    expectRefusal(r, 400, "protocol_mismatch")
                    #expect(r.json?["message"]?.stringValue?.contains("upgrade accord") == true, "\(r)")
                }
            }
        }
    }

    /// This accord talking to a protocol-1 server says so, whether it asks
    /// `/v1/info` first (clone) or signs for a replica it remembers (sync).
    @Test func aProtocol2ClientTellsAProtocol1ServerApart() async throws {
        let p = try TestProject()
        let project = p.project
        let router = Router()
        router.get("/v1/info") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(bytes: CanonicalJSON.encode(["project": .string(project), "name": "old", "protocol": 1]))))
        }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
            let url = URL(string: "http://127.0.0.1:\(try #require(client.port))")!
            func expectMismatch(_ work: () async throws -> Void) async {
                do {
                    try await work()
                    Issue.record("a protocol-1 server was not refused")
                } catch let error as AccordError {
                    #expect(error.code == "protocol_mismatch", "\(error)")
                    #expect(error.message.contains("speaks accord sync protocol 1") && error.message.contains("upgrade accord on the server"),
                            "\(error)")
                } catch {
                    Issue.record("\(error)")
                }
            }
            await expectMismatch { _ = try await SyncClient(base: url, key: p.alice).info() }
            await expectMismatch {
                _ = try await SyncClient(base: url, key: p.alice, replica: String(repeating: "a", count: 32))
                    .sync(SyncRequest(project: project, have: [:], maxBytes: 1000))
            }
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("accord-v1-clone-\(UUID().uuidString)")
            let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("accord-v1-key-\(UUID().uuidString)")
            try Keyring.writeKeyFile(p.alice, to: keyFile)
            await expectMismatch { _ = try await Replicator.clone(from: url, into: root, keyFile: keyFile, as: "alice") }
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(Store.directoryName).path))
        }
    }

    /// A remote remembers the replica it cloned, so a sync is one round
    /// trip; if the server behind the URL is replaced, the client notices
    /// the stale id and asks `/v1/info` again.
    @Test func aStaleReplicaIDIsRefreshed() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let replica = try await replica(of: server, key: p.bob)
            let client = SyncClient(base: server.url, key: p.bob, replica: String(repeating: "0", count: 32))
            let summary = try await Replicator(store: replica, client: client).run()
            #expect(summary.upToDate)
            #expect(client.replica == server.replica)
            #expect(summary.requests == 3, "refused, /v1/info, then the sync again: \(summary.requests)")
        }
    }
}
