import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import Store

/// Real `accord serve` and `accord sync` processes on loopback (issue 4,
/// "Reliability tests: Processes").
@Suite struct ProcessEndToEndTests {
    @Test(.enabled(if: Accord.exists, "build the accord binary first: swift build --build-tests"))
    func serveCloneSyncBundleAndStop() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("accord-e2e-\(UUID().uuidString)")
        let lead = base.appendingPathComponent("lead"), alice = base.appendingPathComponent("alice")
        let hub = base.appendingPathComponent("hub")
        try FileManager.default.createDirectory(at: lead, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }

        // The lead's project: a mirror key for the hub, alice's key made on "her machine".
        try await accordOK(["init", "--name", "e2e audit", "--as", "lena"], in: lead)
        let hubKey = try await accordOK(["key", "new", "hub"], in: lead).out
        #expect(Hex.isDigest(hubKey), "key new prints the public key alone: \(hubKey)")
        try await accordOK(["member", "add", "hub", "--key", hubKey, "--role", "mirror"], in: lead)
        let keyFile = base.appendingPathComponent("alice.key")
        let aliceKey = try await accordOK(["key", "new", "alice", "--file", keyFile.path], in: base).out
        #expect(Hex.isDigest(aliceKey))
        try await accordOK(["member", "add", "alice", "--key", aliceKey, "--role", "coder"], in: lead)
        try Data("The model card says the assistant is helpful.\n\nAnd honest.\n".utf8)
            .write(to: lead.appendingPathComponent("card.txt"))
        try await accordOK(["doc", "add", "card.txt", "--title", "card"], in: lead)
        try await accordOK(["code", "add", "values"], in: lead)
        try await accordOK(["code", "add", "helpfulness", "--parent", "values"], in: lead)

        // Serve on a free port; wait until /v1/info answers.
        let server = try AccordProcess(["serve", "--listen", "127.0.0.1:0"], in: lead)
        defer { server.terminate() }
        let url = try await waitForServer(server)

        // The hub replica (the mirror key) and alice's replica, cloned.
        let hubClone = try await accordOK(["clone", url, hub.path, "--key", lead.appendingPathComponent(".accord/keys/hub.key").path,
                                     "--as", "hub"], in: base)
        #expect(hubClone.out.contains("cloned e2e audit"), "\(hubClone)")
        let cloned = try await accordOK(["clone", url, alice.path, "--key", keyFile.path, "--as", "alice"], in: base)
        #expect(cloned.out.contains("remote origin"), "\(cloned)")
        let leadEvents = try await status(lead)["events"]?.intValue
        #expect(try await status(alice)["events"]?.intValue == leadEvents)

        // Alice codes offline, then syncs: stdout says what moved.
        let applied = try await accordOK(["apply", "values/helpfulness", "card", "--span", "0:9", "--json"], in: alice)
        #expect(applied.json?["coding"]?.stringValue.map(Hex.isDigest) == true, "\(applied)")
        let pushed = try await accordOK(["sync"], in: alice)
        #expect(pushed.out.contains("origin: pulled 0 event(s), pushed 1 event(s)"), "\(pushed)")
        #expect(pushed.out.contains("state_digest"), "\(pushed)")

        // The lead works in the served replica (another process, same store); alice pulls it as JSON.
        try await accordOK(["code", "add", "honesty", "--parent", "values"], in: lead)
        let pulled = try await accordOK(["sync", "--json"], in: alice)
        let summary = try #require(pulled.json, "sync --json prints JSON: \(pulled)")
        #expect(summary["pulled"]?.intValue == 1)
        #expect(summary["pushed"]?.intValue == 0)
        #expect((summary["requests"]?.intValue ?? 0) >= 1)
        #expect(summary["state_digest"]?.stringValue == (try await status(alice)["state_digest"]?.stringValue))
        let again = try await accordOK(["sync"], in: alice)
        #expect(again.out.contains("origin: up to date"), "\(again)")
        let noop = try await accordOK(["sync", "--json"], in: alice)
        #expect(noop.json?["requests"]?.intValue == 1, "an up-to-date sync is one round trip: \(noop)")

        // A second clone with a key that already writes elsewhere is warned;
        // with nothing voided, `recover` enters nothing.
        let second = try await accordOK(["clone", url, base.appendingPathComponent("alice2").path, "--key", keyFile.path, "--as", "alice"], in: base)
        #expect(second.stderr.contains("already signed 1 event") && second.stderr.contains("forks its history"), "\(second)")
        #expect(!cloned.stderr.contains("already signed"), "the first clone of a fresh key is not warned: \(cloned)")
        let recovered = try await accordOK(["recover", "--json"], in: alice)
        #expect(recovered.json?["recovered"]?.arrayValue?.isEmpty == true, "\(recovered)")

        // Remotes.
        try await accordOK(["remote", "add", "backup", "http://127.0.0.1:9"], in: alice)
        let remotes = try await accordOK(["remote", "list", "--json"], in: alice).json?["remotes"]
        #expect(remotes?["origin"]?.stringValue == url)
        #expect(remotes?["backup"]?.stringValue == "http://127.0.0.1:9")
        let listed = try await accordOK(["remote", "list"], in: alice)
        #expect(listed.out.contains("backup") && listed.out.contains("origin"))
        let dup = try await accord(["remote", "add", "backup", "http://127.0.0.1:10"], in: alice)
        #expect(!dup.ok && dup.stderr.contains("[remote_exists]"), "\(dup)")
        let bad = try await accord(["remote", "add", "nowhere", "ftp://example"], in: alice)
        #expect(!bad.ok && bad.stderr.contains("[bad_url]"), "\(bad)")
        try await accordOK(["remote", "remove", "backup"], in: alice)
        #expect(try await accordOK(["remote", "list", "--json"], in: alice).json?["remotes"]?["backup"] == nil)
        let gone = try await accord(["remote", "remove", "backup"], in: alice)
        #expect(!gone.ok && gone.stderr.contains("[unknown_remote]"), "\(gone)")
        let unknown = try await accord(["sync", "backup"], in: alice)
        #expect(!unknown.ok && unknown.stderr.contains("[unknown_remote]"), "\(unknown)")

        // A bundle carries alice's replica to the hub's, which is behind.
        let bundle = base.appendingPathComponent("alice.jsonl")
        let exported = try await accordOK(["bundle", "export", bundle.path], in: alice)
        #expect(exported.out.contains("wrote \(leadEvents.map { $0 + 2 } ?? -1) events"), "\(exported)")
        let imported = try await accordOK(["bundle", "import", bundle.path], in: hub)
        #expect(imported.out.hasPrefix("2 new"), "the hub lacked alice's coding and the honesty code: \(imported)")
        let twice = try await accordOK(["bundle", "import", bundle.path], in: hub)
        #expect(twice.out.hasPrefix("0 new"), "\(twice)")

        // No conflicts; every replica in the same state.
        #expect(try await accordOK(["conflicts"], in: alice).out.contains("no conflicts"))
        #expect(try await accordOK(["conflicts", "--json"], in: alice).json?["conflicts"]?.arrayValue?.isEmpty == true)
        var digests: [String?] = [], events: [Int64?] = []
        for dir in [lead, alice, hub] {
            let s = try await status(dir)
            digests.append(s["state_digest"]?.stringValue)
            events.append(s["events"]?.intValue)
        }
        #expect(digests[0] != nil && digests.allSatisfy { $0 == digests[0] }, "\(digests)")
        #expect(events.allSatisfy { $0 == events[0] }, "\(events)")

        // SIGTERM: a graceful stop, exit 0, promptly.
        let stopping = Date()
        server.signal(SIGTERM)
        let stopped = try #require(try await server.finish(timeout: 10), "accord serve did not stop within 10 s of SIGTERM")
        #expect(stopped.status == 0, "\(stopped)")
        #expect(Date().timeIntervalSince(stopping) < 5)
        #expect(stopped.stdout.contains("serving project"), "\(stopped)")

        // With the server gone, sync says so and fails. The freed port may
        // already serve another test's replica (it then refuses alice's key):
        // only a port nobody listens on must read as unreachable.
        let down = try await accord(["sync"], in: alice)
        #expect(!down.ok, "\(down)")
        if !down.stderr.contains("[unreachable]") {
            let port = try #require(URL(string: url)?.port)
            let probe = try? RawSocket(port: port, receiveTimeout: 1)
            probe?.close()
            #expect(probe != nil, "not unreachable, yet nothing listens on \(port): \(down)")
        }
    }

    /// `status --json` of a replica.
    func status(_ dir: URL) async throws -> JSONValue {
        try #require(try await accordOK(["status", "--json"], in: dir).json)
    }

    /// Reads the bound port from `serving project … on http://HOST:PORT`, then
    /// waits until `GET /v1/info` answers.
    func waitForServer(_ server: AccordProcess) async throws -> String {
        // Generous: a debug `accord serve` among a whole test run on two cores can take minutes to start.
        let deadline = Date().addingTimeInterval(240)
        var url: String? = nil
        // A session of its own with short requests: one request stuck behind
        // a busy machine is given up and tried again, not waited on till the deadline.
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 5
        let session = URLSession(configuration: configuration)
        defer { session.invalidateAndCancel() }
        while Date() < deadline {
            if url == nil, let line = server.stdoutSoFar.split(separator: "\n").first(where: { $0.contains("serving project") }),
               let range = line.range(of: "http://") {
                url = String(line[range.lowerBound...]).trimmingCharacters(in: .whitespaces)
            }
            if let url, let info = URL(string: url + "/v1/info"),
               let (data, response) = try? await session.data(from: info),
               (response as? HTTPURLResponse)?.statusCode == 200, (try? JSONParser.parse(Array(data)))?["protocol"]?.intValue == 2 {
                return url
            }
            if !server.process.isRunning { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let output = try? await server.finish(timeout: 1)
        throw ServerDidNotStart(output: output?.description
            ?? "still running, no answer from \(url ?? "an address not yet printed"); stdout so far: \(server.stdoutSoFar)")
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var output: String
        var description: String { "accord serve did not answer /v1/info: \(output)" }
    }
}
