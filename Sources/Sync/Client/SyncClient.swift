import Crypto
import Foundation
import Store

/// Talks to another replica's `accord serve` (sync protocol 2, events/README.md
/// §14), signing every request with the caller's key for that replica.
///
/// HTTP goes through URLSession, or through AsyncHTTPClient for an
/// `https://` remote whose CA is given with `ca` (`TrustingTransport` says why).
public struct SyncClient: Sendable {
    public let base: URL
    public let key: SigningKey
    let transport: any HTTPTransport

    /// Bytes moved and requests made, for `sync`'s report and the benchmarks.
    public final class Traffic: @unchecked Sendable {
        private let lock = NSLock()
        private(set) public var requests = 0
        private(set) public var bytesSent = 0
        private(set) public var bytesReceived = 0

        func add(sent: Int, received: Int) {
            lock.lock()
            requests += 1
            bytesSent += sent
            bytesReceived += received
            lock.unlock()
        }
    }

    /// The server's replica id: given (as remembered with a remote), or
    /// learned from `/v1/info` before the first signed request.
    final class Replica: @unchecked Sendable {
        private let lock = NSLock()
        private var id: String?
        /// Whether `id` came from this client's own `/v1/info` (and so is current).
        private(set) var fresh = false

        init(_ id: String?) { self.id = id }

        var value: String? { lock.withLock { id } }

        func learn(_ id: String) {
            lock.withLock {
                self.id = id
                fresh = true
            }
        }
    }

    public let traffic = Traffic()
    let clock: RequestClock
    let replicaID: Replica
    /// Lines per push request; a server that allows fewer says so
    /// (`too_many_lines`) and the client halves it.
    public var pushLines = 1000

    /// The replica id this client signs for (nil until learned).
    public var replica: String? { replicaID.value }

    /// Timestamps for request signatures. Ed25519 is deterministic, so the
    /// same key signing the same bytes at the same `ts` makes the same
    /// signature, which the server refuses the second time. Each request is
    /// stamped with the current second unless that key already sent that
    /// very body at that second (a repeated no-op sync, say): then one second
    /// later. The file carries the recent stamps across processes.
    final class RequestClock: @unchecked Sendable {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var recent: [String: Int64] = [:]
        private let file: URL?
        /// How many seconds later a refused request is stamped again, each
        /// a second after the last: well inside the five-minute window.
        static let replayRetries = 5

        init(file: URL?) { self.file = file }

        func next(for key: String, digest: [UInt8]) -> Int64 {
            RequestClock.lock.lock()
            defer { RequestClock.lock.unlock() }
            let now = Int64(Date().timeIntervalSince1970)
            var recent = RequestClock.recent
            if let file, let data = try? Data(contentsOf: file), let json = try? JSONParser.parse(Array(data)) {
                for (k, v) in json.objectValue ?? [:] { if let t = v.intValue { recent[k] = max(recent[k] ?? 0, t) } }
            }
            recent = recent.filter { $0.value > now - RequestSignature.window }
            let id = key + ":" + Hex.encode(digest.prefix(8))
            let stamp = max(now, (recent[id] ?? 0) + 1)
            recent[id] = stamp
            RequestClock.recent = recent
            if let file { try? Data(CanonicalJSON.encode(.object(recent.mapValues { .int($0) }))).write(to: file, options: .atomic) }
            return stamp
        }
    }

    /// - Parameters:
    ///   - replica: the server's replica id when known (a remote remembers
    ///     it), saving a `/v1/info` round trip.
    ///   - ca: a PEM file of the CA to trust for an `https://` `base`,
    ///     instead of the system's.
    public init(base: URL, key: SigningKey, ca: String?, timeout: TimeInterval = 120, clockFile: URL? = nil,
                replica: String? = nil) throws(AccordError) {
        self.base = base
        self.key = key
        self.clock = RequestClock(file: clockFile)
        self.replicaID = Replica(replica)
        if let ca {
            guard base.scheme == "https" else {
                throw AccordError("bad_url", "--ca trusts a CA for https:// remotes; \(base.absoluteString) is not one")
            }
            transport = try TrustingTransport(caFile: ca, timeout: timeout)
        } else {
            transport = URLSessionTransport(timeout: timeout)
        }
    }

    /// A client for `base` over URLSession.
    public init(base: URL, key: SigningKey, timeout: TimeInterval = 120, clockFile: URL? = nil, replica: String? = nil) {
        self.base = base
        self.key = key
        self.clock = RequestClock(file: clockFile)
        self.replicaID = Replica(replica)
        transport = URLSessionTransport(timeout: timeout)
    }

    /// `GET /v1/info`; refuses a server of another protocol version, and
    /// remembers the replica id for the requests that follow.
    public func info() async throws(AccordError) -> ProjectInfo {
        let answer = try await exchange("GET", SyncWire.infoPath, body: [])
        guard answer.status == 200 else { throw refusal(answer, "GET", SyncWire.infoPath) }
        let info = try ProjectInfo(json: parse(answer.body))
        guard info.protocolVersion == SyncWire.version, let replica = info.replica else {
            throw SyncWire.mismatch(serverVersion: info.protocolVersion, url: base.absoluteString)
        }
        replicaID.learn(replica)
        return info
    }

    public func sync(_ request: SyncRequest) async throws(AccordError) -> SyncResponse {
        try SyncResponse(body: try await signed("POST", SyncWire.syncPath, body: request.body))
    }

    /// Pushes lines, at most `pushLines` per request; the results are
    /// numbered over all of `lines`.
    public func push(_ lines: [[UInt8]]) async throws(AccordError) -> [PushResult] {
        var results: [PushResult] = []
        var start = 0
        var size = max(1, pushLines)
        repeat {
            let chunk = Array(lines[start..<min(lines.count, start + size)])
            let answer: [UInt8]
            do { answer = try await signed("POST", SyncWire.eventsPath, body: JSONLines.join(chunk)) } catch where error.code == "too_many_lines" && size > 1 {
                size /= 2
                continue
            }
            guard let items = parse(answer)["results"]?.arrayValue else { throw AccordError("bad_response", "the push answer lacks results") }
            for item in items {
                var result = try PushResult(json: item)
                result.line += start
                results.append(result)
            }
            start += chunk.count
        } while start < lines.count
        return results
    }

    func parse(_ bytes: [UInt8]) -> JSONValue { (try? JSONParser.parse(bytes)) ?? .null }

    /// One signed request, answered 200. Retries what a retry can fix: a
    /// signature reused within one second (`replayed_request`), a busy
    /// server (`busy`, `too_many_requests`, after `Retry-After`), a replica
    /// id remembered from before the server was replaced. A server that
    /// does not know the `/v2` routes is asked which protocol it speaks.
    func signed(_ method: String, _ path: String, body: [UInt8]) async throws(AccordError) -> [UInt8] {
        if replicaID.value == nil { _ = try await info() }
        var waits = 0
        var replays = 0
        var replicaRechecked = false
        while true {
            let answer = try await exchange(method, path, body: body, signed: true)
            if answer.status == 200 { return answer.body }
            let error = refusal(answer, method, path)
            if error.code == "replayed_request", replays < RequestClock.replayRetries {
                // The same key signed the same bytes at that second from
                // another store (a second clone with one key; the clock
                // file is per store): the clock stamps the next try a
                // second later, which makes a new signature.
                replays += 1
            } else if error.code == "busy" || error.code == "too_many_requests", waits < 8 {
                waits += 1
                let seconds = Double(max(1, min(answer.retryAfter ?? 1, 10))) * Double.random(in: 0.5...1.5)
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            } else if error.code == "bad_signature", !replicaRechecked, !replicaID.fresh {
                // Signed for a replica id remembered from an earlier session:
                // the server may have been replaced; ask it again.
                replicaRechecked = true
                let before = replicaID.value
                _ = try await info()
                if replicaID.value == before { throw error }
            } else {
                // An old server does not know the /v2 routes: /v1/info says which protocol it speaks.
                if answer.status == 404 { _ = try await info() }
                throw error
            }
        }
    }

    /// One HTTP exchange, counted in `traffic`.
    func exchange(_ method: String, _ path: String, body: [UInt8], signed: Bool = false) async throws(AccordError) -> WireResponse {
        let url = base.appendingPathComponent(String(path.dropFirst()))
        var headers: [(name: String, value: String)] = []
        if method != "GET" { headers.append(("Content-Type", "application/json")) }
        if signed {
            let digest = Array(SHA256.hash(data: body))
            let signature = RequestSignature.sign(method: method, path: url.path, replica: replicaID.value ?? "", bodyDigest: digest,
                                                  key: key, timestamp: clock.next(for: key.publicHex, digest: digest))
            headers.append(("Authorization", signature.header))
            headers.append((SyncWire.contentDigestHeader, ContentDigest.header(digest)))
        }
        let request = WireRequest(method: method, url: url, headers: headers, body: method == "GET" ? [] : body)
        let response = try await transport.send(request)
        traffic.add(sent: request.body.count + request.headerBytes, received: response.body.count + response.headerBytes + 2)
        return response
    }

    /// A non-200 answer as the server's own error code and message.
    func refusal(_ answer: WireResponse, _ method: String, _ path: String) -> AccordError {
        let json = parse(answer.body)
        return AccordError(json["error"]?.stringValue ?? "http_\(answer.status)",
                           "\(base.host ?? "the server") refused \(method) \(path) (\(answer.status)): \(json["message"]?.stringValue ?? String(decoding: answer.body.prefix(200), as: UTF8.self))")
    }
}
