import AccordTesting
import Foundation
import Project
import Testing
@testable import Store
@testable import Sync

/// Issue 10, TLS: document text never crosses a network in clear. A hub
/// serves HTTPS with its certificate; a client trusts the hub's CA given
/// with `--ca`, or the system's, and refuses any other certificate.
@Suite struct TLSTests {
    /// A CA, a server certificate it signed for 127.0.0.1, and an unrelated
    /// CA, made with the openssl command line in a temporary folder.
    struct Certificates {
        let folder: URL
        var ca: String { folder.appendingPathComponent("ca.pem").path }
        var otherCA: String { folder.appendingPathComponent("other-ca.pem").path }
        var certificate: String { folder.appendingPathComponent("server.pem").path }
        var key: String { folder.appendingPathComponent("server.key").path }
        var tls: ServerTLS { ServerTLS(certificateFile: certificate, keyFile: key) }

        static var openssl: String? {
            ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("subjectAltName=IP:127.0.0.1,DNS:localhost\n".utf8).write(to: folder.appendingPathComponent("san.ext"))
            let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
            try run(["req", "-x509"] + ec + ["-days", "2", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=accord test CA"])
            try run(["req", "-x509"] + ec + ["-days", "2", "-keyout", "other-ca.key", "-out", "other-ca.pem", "-subj", "/CN=someone else"])
            try run(["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"])
            try run(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                     "-out", "server.pem", "-extfile", "san.ext"])
        }

        func run(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(Certificates.openssl, "openssl is needed to make test certificates"))
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " "))")
        }
    }

    @Test(.enabled(if: Certificates.openssl != nil, "needs the openssl command"))
    func aClientTrustingTheHubsCASyncsOverHTTPS() async throws {
        let certificates = try Certificates()
        let p = try TestProject()
        try await withServer(p.store, tls: certificates.tls) { server in
            #expect(server.url.scheme == "https")
            let keyFile = certificates.folder.appendingPathComponent("alice.key")
            try Keyring.writeKeyFile(p.alice, to: keyFile)
            let root = certificates.folder.appendingPathComponent("alice")
            let (replica, summary) = try await Replicator.clone(from: server.url, into: root, keyFile: keyFile, as: "alice", ca: certificates.ca)
            #expect(summary.pullRejected.isEmpty)
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
            // The remote keeps the CA and the replica id: the next sync needs neither flag nor /v1/info.
            let origin = try Remotes(store: replica).remote("origin")
            #expect(origin.ca == certificates.ca && origin.replica == server.replica)
            try Replica(store: replica).apply(code: "values/honesty", document: "northwind", at: .span(1, 6), by: p.alice)
            let client = try origin.client(key: p.alice)
            let pushed = try await Replicator(store: replica, client: client).run()
            // Pull, push, and the pull that confirms the server's new heads: no /v1/info.
            #expect(pushed.pushed == 1 && pushed.requests == 3, "\(pushed.requests) requests")
            #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
        }
    }

    @Test(.enabled(if: Certificates.openssl != nil, "needs the openssl command"))
    func anUntrustedCertificateIsRefused() async throws {
        let certificates = try Certificates()
        let p = try TestProject()
        try await withServer(p.store, tls: certificates.tls) { server in
            func refusal(_ client: SyncClient) async -> AccordError? {
                do {
                    _ = try await client.info()
                    return nil
                } catch { return error }
            }
            // The system store (URLSession) does not know the test CA.
            let system = await refusal(SyncClient(base: server.url, key: p.alice))
            #expect(system?.code == "untrusted_certificate", "\(String(describing: system))")
            #expect(system?.message.contains("--ca") == true)
            // Another CA is not the hub's.
            let other = await refusal(try SyncClient(base: server.url, key: p.alice, ca: certificates.otherCA))
            #expect(other?.code == "untrusted_certificate", "\(String(describing: other))")
            // Plain HTTP to the TLS port gets no answer it could take for one.
            let plain = await refusal(SyncClient(base: URL(string: "http://127.0.0.1:\(server.port)")!, key: p.alice))
            #expect(plain != nil)
            // Nothing was served to them; a trusting client is.
            #expect(try await SyncClient(base: server.url, key: p.alice, ca: certificates.ca).info().project == p.project)
        }
    }

    @Test func aCAIsForHTTPSRemotesAndMustBeACertificate() throws {
        let p = try TestProject()
        let remotes = Remotes(store: p.store)
        #expect(throws: AccordError.self) { try remotes.add("plain", "http://127.0.0.1:9", ca: "/etc/hostname") }
        #expect(throws: AccordError.self) { try remotes.add("hub", "https://127.0.0.1:9", ca: "/nonexistent/ca.pem") }
        #expect(remotes.all().isEmpty, "a refused remote is not added")
    }

    /// `accord serve --tls-cert --tls-key` and `accord clone https://… --ca`, as processes.
    @Test(.enabled(if: Accord.exists && Certificates.openssl != nil, "needs the accord binary and openssl"))
    func serveAndCloneOverHTTPSFromTheCommandLine() async throws {
        let certificates = try Certificates()
        let base = certificates.folder
        let lead = base.appendingPathComponent("lead"), alice = base.appendingPathComponent("alice")
        try FileManager.default.createDirectory(at: lead, withIntermediateDirectories: true)
        try await accordOK(["init", "--name", "tls audit", "--as", "lena"], in: lead)
        let keyFile = base.appendingPathComponent("alice.key")
        let aliceKey = try await accordOK(["key", "new", "alice", "--file", keyFile.path], in: base).out
        try await accordOK(["member", "add", "alice", "--key", aliceKey, "--role", "coder"], in: lead)

        let server = try AccordProcess(["serve", "--listen", "127.0.0.1:0", "--tls-cert", certificates.certificate,
                                        "--tls-key", certificates.key], in: lead)
        defer { server.terminate() }
        var url: String?
        for _ in 0..<600 where url == nil {
            if let line = server.stdoutSoFar.split(separator: "\n").first(where: { $0.contains("serving project") }),
               let range = line.range(of: "https://") {
                url = String(line[range.lowerBound...]).trimmingCharacters(in: .whitespaces)
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let served = try #require(url, "accord serve --tls-cert did not say where it serves")

        let untrusted = try await accord(["clone", served, alice.path, "--key", keyFile.path, "--as", "alice"], in: base)
        #expect(!untrusted.ok && untrusted.stderr.contains("[untrusted_certificate]"), "\(untrusted)")
        try await accordOK(["clone", served, alice.path, "--key", keyFile.path, "--as", "alice", "--ca", certificates.ca], in: base)
        let noop = try await accordOK(["sync", "--json"], in: alice)
        #expect(noop.json?["requests"]?.intValue == 1, "the remote kept its CA and replica id: \(noop)")

        let half = try await accord(["serve", "--tls-cert", certificates.certificate], in: lead)
        #expect(!half.ok, "--tls-cert without --tls-key is refused: \(half)")
    }
}
