import AccordTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing
import Project
@testable import Store
@testable import Sync

// MARK: - Servers

/// Serves `store` on loopback for the length of `body`, and stops the server
/// however `body` ends (a thrown error included).
func withServer<T: Sendable>(_ store: Store, limits: ServerLimits = ServerLimits(), tls: ServerTLS? = nil,
                              _ body: (TestServer) async throws -> T) async throws -> T {
    let server = try await TestServer.start(store, limits: limits, tls: tls)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Serves every store at once; stops them all however `body` ends.
func withServers<T: Sendable>(_ stores: [Store], _ body: ([TestServer]) async throws -> T) async throws -> T {
    var servers: [TestServer] = []
    do {
        for store in stores { servers.append(try await TestServer.start(store)) }
        let result = try await body(servers)
        for server in servers { await server.stop() }
        return result
    } catch {
        for server in servers { await server.stop() }
        throw error
    }
}

// MARK: - Raw HTTP (URLSession), for requests the SyncClient would never send

struct RawResponse: Sendable, CustomStringConvertible {
    var status: Int
    var body: [UInt8]
    var json: JSONValue? { try? JSONParser.parse(body) }
    var errorCode: String? { json?["error"]?.stringValue }
    var text: String { String(decoding: body.prefix(400), as: UTF8.self) }
    var description: String { "\(status) \(text)" }
}

enum RawHTTP {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        return URLSession(configuration: configuration)
    }()

    /// Sends one request exactly as given: `authorization` nil sends no
    /// header; `digest` is the Content-Digest header to send (by default the
    /// body's own, whenever there is an Authorization header; nil sends none).
    static func send(_ base: URL, _ method: String, _ path: String, body: [UInt8] = [], authorization: String?,
                     digest: String?? = .none, session: URLSession = RawHTTP.session) async throws -> RawResponse {
        var request = URLRequest(url: URL(string: base.absoluteString + path)!)
        request.httpMethod = method
        if method != "GET" {
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        let digestValue: String? = switch digest {
        case .none: authorization == nil ? nil : ContentDigest.header(body: body)
        case .some(let given): given
        }
        if let digestValue { request.setValue(digestValue, forHTTPHeaderField: SyncWire.contentDigestHeader) }
        let (data, response) = try await session.data(for: request)
        return RawResponse(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: Array(data))
    }

    /// A correctly signed request by `key` (ts defaults to now) for the
    /// replica `base` serves (asked of its /v1/info unless given).
    static func signed(_ base: URL, _ method: String, _ path: String, body: [UInt8], key: SigningKey,
                       timestamp: Int64 = Int64(Date().timeIntervalSince1970), replica: String? = nil,
                       session: URLSession = RawHTTP.session) async throws -> RawResponse {
        let target: String
        if let replica { target = replica } else { target = try await replicaID(of: base) }
        let header = RequestSignature.sign(method: method, path: path, replica: target, body: body, key: key, timestamp: timestamp).header
        return try await send(base, method, path, body: body, authorization: header, session: session)
    }

    /// A session of its own, for requests that must not queue behind others
    /// for one of the shared session's connections.
    static func separateSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 120
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }

    /// The replica id a server announces.
    static func replicaID(of base: URL) async throws -> String {
        let info = try await send(base, "GET", SyncWire.infoPath, authorization: nil)
        return try #require(info.json?["replica"]?.stringValue, "no replica in \(info)")
    }
}

/// A `/v2/sync` body with the fields DESIGN §7 names (no nonce).
func syncBody(project: String, have: [String: Int64] = [:], maxBytes: Int = 1 << 20) -> [UInt8] {
    CanonicalJSON.encode(["project": .string(project), "have": .object(have.mapValues { .int($0) }), "max_bytes": .int(Int64(maxBytes))])
}

/// Checks a refusal: the status, `{"error": code, "message": text}` and nothing else.
func expectRefusal(_ response: RawResponse, _ status: Int, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == status, "expected \(status) \(code), got \(response)", sourceLocation: sourceLocation)
    let json = response.json
    #expect(json?["error"]?.stringValue == code, "expected error \(code), got \(response)", sourceLocation: sourceLocation)
    let message = json?["message"]?.stringValue ?? ""
    #expect(!message.isEmpty, "a refusal says why: \(response)", sourceLocation: sourceLocation)
    #expect(Set(json?.objectValue?.keys.map { $0 } ?? []) == ["error", "message"], "the error body is {error, message}: \(response)",
            sourceLocation: sourceLocation)
}

/// The per-line results of a `POST /v2/events` answer.
func pushResults(_ response: RawResponse) throws -> [PushResult] {
    let items = try #require(response.json?["results"]?.arrayValue, "no results in \(response)")
    return try items.map { try PushResult(json: $0) }
}

extension PushResult {
    var code: String? { if case .rejected(let e) = outcome { return e.code } else { return nil } }
    var status: String {
        switch outcome {
        case .accepted: "accepted"
        case .duplicate: "duplicate"
        case .rejected(let e): "rejected \(e.code)"
        }
    }
}

// MARK: - A replica's observable state

/// What two converged replicas must agree on.
struct ReplicaState: Equatable, CustomStringConvertible {
    var events: Int
    var heads: [String: Int64]
    var digest: String

    init(_ store: Store) throws {
        let status = try store.status()
        events = status.events
        heads = status.heads
        digest = status.stateDigest
    }

    var description: String { "\(events) events, \(heads.count) authors, digest \(digest.prefix(12))" }
}

/// Every stored event's `sig` verifies against its author (DESIGN §3: an
/// event is valid only when its signature checks).
func expectEverySignatureVerifies(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
    for bytes in try store.allEventBytes() {
        let event = try Event(bytes: bytes)
        do { try event.verifySignature() } catch {
            Issue.record("stored event \(event.id.prefix(12)) (\(event.type.rawValue), seq \(event.seq)) has a signature that does not verify",
                         sourceLocation: sourceLocation)
        }
    }
}

/// The log holds every event once and every chain without a gap.
func expectSoundLog(_ store: Store, _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
    let facts = try store.logFacts()
    #expect(facts.isSound, "\(label) log is not sound: \(facts)", sourceLocation: sourceLocation)
}

// MARK: - Building replicas and work

/// A replica of the served project made the way a new member's is: an empty
/// store that pulls everything.
func replica(of server: TestServer, key: SigningKey, keyName: String? = nil, pageBytes: Int = 4 << 20) async throws -> Store {
    try await replica(of: server.url, key: key, keyName: keyName, pageBytes: pageBytes)
}

/// An empty store that receives the genesis page, then syncs (what `Replicator.clone` does, without key files).
func replica(of url: URL, key: SigningKey, keyName: String? = nil, pageBytes: Int = 4 << 20) async throws -> Store {
    let store = try temporaryStore()
    if let keyName { try store.keyring.store(key, as: keyName) }
    let client = SyncClient(base: url, key: key)
    let info = try await client.info()
    let first = try await client.sync(SyncRequest(project: info.project, have: [:], maxBytes: pageBytes))
    let outcomes = try store.receive(first.events)
    #expect(outcomes.allSatisfy { $0 == .accepted }, "clone's first page: \(outcomes)")
    var replicator = Replicator(store: store, client: client)
    replicator.pageBytes = pageBytes
    let summary = try await replicator.run()
    #expect(summary.pullRejected.isEmpty, "clone pulled rejections: \(summary.pullRejected)")
    return store
}

/// Runs one full sync of `store` against `server` as `key`.
@discardableResult
func sync(_ store: Store, with url: URL, as key: SigningKey, pageBytes: Int = 4 << 20,
          sourceLocation: SourceLocation = #_sourceLocation) async throws -> SyncSummary {
    var replicator = Replicator(store: store, client: SyncClient(base: url, key: key))
    replicator.pageBytes = pageBytes
    let summary = try await replicator.run()
    #expect(summary.pullRejected.isEmpty, "pull rejected: \(summary.pullRejected)", sourceLocation: sourceLocation)
    #expect(summary.pushRejected.isEmpty, "push rejected: \(summary.pushRejected.map(\.error))", sourceLocation: sourceLocation)
    return summary
}

/// `n` codings of random spans of `document` (of `length` scalars) with random codes.
func codingActions(_ n: Int, document: String, length: Int, codes: [String], rng: inout SeededRandom) -> [Action] {
    (0..<n).map { _ in
        let start = Int.random(in: 0..<(length - 1), using: &rng)
        let end = Int.random(in: (start + 1)...length, using: &rng)
        return Action(.segmentCoded(SegmentCoded(document: EventID(hex: document)!, code: EventID(hex: codes.randomElement(using: &rng)!)!,
                                                 start: Int64(start), end: Int64(end))))
    }
}

/// A 64-hex id that names no event.
func phantomID(_ tag: String) -> String { DocumentText.sha256("phantom:" + tag) }

/// Rewrites one top-level field of an event's JSON and re-encodes it
/// canonically, keeping `id` and `sig` as they were (so the id no longer matches).
func tampered(_ bytes: [UInt8], _ edit: (inout [String: JSONValue]) -> Void) throws -> [UInt8] {
    var object = try #require(try JSONParser.parse(bytes).objectValue)
    edit(&object)
    return CanonicalJSON.encode(.object(object))
}

// MARK: - A raw TCP socket (for cutting a connection mid-response)

enum SocketError: Error, CustomStringConvertible {
    case failed(String)
    var description: String { if case .failed(let m) = self { m } else { "" } }
}

/// Runs blocking work (socket reads, waiting for a process) on a GCD thread,
/// never on Swift's cooperative pool: with two cores, two tests blocking
/// there would starve the in-process servers they are waiting for.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// A blocking loopback TCP connection (its reads are awaited off the cooperative pool).
final class RawSocket: @unchecked Sendable {
    let fd: Int32

    init(port: Int, receiveTimeout seconds: Int = 30) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SocketError.failed("socket: \(errno)") }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            _ = Glibc.close(fd)
            throw SocketError.failed("connect: \(errno)")
        }
    }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a write to a connection the server closed fails instead of killing the process.
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw SocketError.failed("write: \(errno)") }
            sent += n
        }
    }

    /// Reads at most `limit` bytes (fewer if the peer closes or times out).
    func receive(upTo limit: Int) async throws -> [UInt8] {
        try await offPool { self.blockingReceive(upTo: limit) }
    }

    /// Whether the server closes the connection within `seconds` (reads
    /// anything it sends meanwhile); false if it is still open then.
    func closedByServer(within seconds: Double) async throws -> Bool {
        try await offPool { self.blockingWaitForClose(seconds) }
    }

    /// Whether the server has answered (sent bytes, or closed) within `seconds`.
    func hasAnswer(within seconds: Double) async throws -> Bool {
        try await offPool {
            var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
            setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var byte: UInt8 = 0
            let n = recv(self.fd, &byte, 1, Int32(MSG_PEEK))
            return n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        }
    }

    /// Reads until the server closes the connection (for a request sent
    /// with `Connection: close`), at most `limit` bytes.
    func receiveAll(limit: Int = 16 << 20) async throws -> [UInt8] {
        try await receive(upTo: limit)
    }

    private func blockingWaitForClose(_ seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 4096) }
            if n == 0 { return true }
            if n < 0, errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR { return true }
        }
        return false
    }

    /// Reads one whole HTTP/1.1 response (headers and a Content-Length body).
    func receiveResponse() async throws -> (head: String, body: [UInt8], total: Int) {
        try await offPool { try self.blockingReceiveResponse() }
    }

    private func blockingReceive(upTo limit: Int) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while out.count < limit {
            let want = min(chunk.count, limit - out.count)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, want) }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    private func blockingReceiveResponse() throws -> (head: String, body: [UInt8], total: Int) {
        let started = Date()
        var buffer: [UInt8] = []
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var headEnd: Int? = nil
        var contentLength: Int? = nil
        while true {
            if headEnd == nil, let range = firstRange(of: separator, in: buffer) {
                headEnd = range
                let head = String(decoding: buffer[0..<range], as: UTF8.self)
                for line in head.split(separator: "\r\n") {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        contentLength = Int(parts[1].trimmingCharacters(in: .whitespaces))
                    }
                }
            }
            if let headEnd, let contentLength, buffer.count >= headEnd + 4 + contentLength {
                let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
                return (head, Array(buffer[(headEnd + 4)..<(headEnd + 4 + contentLength)]), headEnd + 4 + contentLength)
            }
            let size = chunk.count
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, size) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let why = n == 0 ? "the server closed the connection" : "read failed, errno \(errno)"
                throw SocketError.failed("the response ended early after \(buffer.count) bytes: \(why) after \(Date().timeIntervalSince(started)) s")
            }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Closes with an RST instead of a FIN (SO_LINGER 0): the harshest cut.
    func reset() {
        var linger = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        _ = Glibc.close(fd)
    }

    func close() { _ = Glibc.close(fd) }

    private func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    /// A signed HTTP/1.1 request, byte for byte.
    static func request(_ method: String, _ path: String, body: [UInt8], key: SigningKey, port: Int, replica: String) -> [UInt8] {
        let auth = RequestSignature.sign(method: method, path: path, replica: replica, body: body, key: key).header
        let head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.count)\r\nAuthorization: \(auth)\r\n"
            + "\(SyncWire.contentDigestHeader): \(ContentDigest.header(body: body))\r\n\r\n"
        return Array(head.utf8) + body
    }
}

// MARK: - Populating a project

/// Adds `bigDocuments` documents of about `documentBytes` each (by the lead)
/// and `codings` codings split between alice and bob, in a few batches.
/// Returns the ids of the documents added.
@discardableResult
func populate(_ p: TestProject, codings: Int, bigDocuments: Int = 0, documentBytes: Int = 100_000, seed: UInt64 = 1) throws -> [String] {
    var rng = SeededRandom(seed: seed)
    var documents: [String] = []
    for d in 0..<bigDocuments {
        var text = ""
        var n = 0
        while text.utf8.count < documentBytes {
            text += "Paragraph \(n) of document \(d): the model card names helpfulness, honesty and harmlessness.\n\n"
            n += 1
        }
        documents.append(try p.replica.addDocument(data: Data(text.utf8), title: "big-\(d)", by: p.lead).id)
    }
    let length = TestProject.text.unicodeScalars.count
    let codes = [p.helpfulness, p.honesty]
    var left = codings
    var turn = 0
    while left > 0 {
        let n = min(left, 50)
        let key = turn % 2 == 0 ? p.alice : p.bob
        try p.store.append(codingActions(n, document: p.document, length: length, codes: codes, rng: &rng), by: key)
        left -= n
        turn += 1
    }
    return documents
}
