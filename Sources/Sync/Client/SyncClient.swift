import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Store

/// Talks to another replica's `accord serve` over HTTP with URLSession,
/// signing every request with the caller's key.
public struct SyncClient: Sendable {
    public let base: URL
    public let key: SigningKey
    let session: URLSession

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

    public let traffic = Traffic()
    let clock: RequestClock

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

        init(file: URL?) { self.file = file }

        func next(for key: String, body: [UInt8]) -> Int64 {
            RequestClock.lock.lock()
            defer { RequestClock.lock.unlock() }
            let now = Int64(Date().timeIntervalSince1970)
            var recent = RequestClock.recent
            if let file, let data = try? Data(contentsOf: file), let json = try? JSONParser.parse(Array(data)) {
                for (k, v) in json.objectValue ?? [:] { if let t = v.intValue { recent[k] = max(recent[k] ?? 0, t) } }
            }
            recent = recent.filter { $0.value > now - RequestSignature.window }
            let id = key + ":" + Hex.encode(SHA256.hash(data: body).prefix(8))
            let stamp = max(now, (recent[id] ?? 0) + 1)
            recent[id] = stamp
            RequestClock.recent = recent
            if let file { try? Data(CanonicalJSON.encode(.object(recent.mapValues { .int($0) }))).write(to: file, options: .atomic) }
            return stamp
        }
    }

    public init(base: URL, key: SigningKey, timeout: TimeInterval = 120, clockFile: URL? = nil) {
        self.base = base
        self.key = key
        self.clock = RequestClock(file: clockFile)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = 2
        session = URLSession(configuration: configuration)
    }

    public func info() async throws(AccordError) -> ProjectInfo {
        try ProjectInfo(json: parse(try await send("GET", "/v1/info", body: [], signed: false)))
    }

    public func sync(_ request: SyncRequest) async throws(AccordError) -> SyncResponse {
        try SyncResponse(body: try await send("POST", "/v1/sync", body: request.body))
    }

    public func push(_ lines: [[UInt8]]) async throws(AccordError) -> [PushResult] {
        let answer = parse(try await send("POST", "/v1/events", body: JSONLines.join(lines)))
        guard let results = answer["results"]?.arrayValue else { throw AccordError("bad_response", "the push answer lacks results") }
        return try results.map { (r) throws(AccordError) in try PushResult(json: r) }
    }

    func parse(_ bytes: [UInt8]) -> JSONValue { (try? JSONParser.parse(bytes)) ?? .null }

    /// One HTTP exchange. A JSON error from the server becomes an
    /// `AccordError` with the server's code; a network failure says so.
    func send(_ method: String, _ path: String, body: [UInt8], signed: Bool = true) async throws(AccordError) -> [UInt8] {
        do { return try await exchange(method, path, body: body, signed: signed) } catch where error.code == "replayed_request" {
            // The same bytes were signed within the same second (a retried
            // push): wait for a new timestamp, which makes a new signature.
            try? await Task.sleep(nanoseconds: 1_100_000_000)
            return try await exchange(method, path, body: body, signed: signed)
        }
    }

    func exchange(_ method: String, _ path: String, body: [UInt8], signed: Bool) async throws(AccordError) -> [UInt8] {
        let url = base.appendingPathComponent(String(path.dropFirst()))
        var request = URLRequest(url: url)
        request.httpMethod = method
        if method != "GET" {
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if signed {
            let signature = RequestSignature.sign(method: method, path: url.path, body: body, key: key, timestamp: clock.next(for: key.publicHex, body: body))
            request.setValue(signature.header, forHTTPHeaderField: "Authorization")
        }
        let data: Data, response: URLResponse
        do { (data, response) = try await session.data(for: request) } catch {
            throw AccordError("unreachable", "cannot reach \(base.absoluteString): \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let responseHeaders = ((response as? HTTPURLResponse)?.allHeaderFields ?? [:]).reduce(17) { total, field in
            total + "\(field.key)".utf8.count + "\(field.value)".utf8.count + 4
        }
        traffic.add(sent: body.count + SyncClient.headerEstimate(request), received: data.count + responseHeaders + 2)
        guard status == 200 else {
            let json = parse(Array(data))
            throw AccordError(json["error"]?.stringValue ?? "http_\(status)",
                              "\(base.host ?? "the server") refused \(method) \(path) (\(status)): \(json["message"]?.stringValue ?? String(decoding: data.prefix(200), as: UTF8.self))")
        }
        return Array(data)
    }

    /// The request line and headers as sent (libcurl adds Host, Accept and
    /// Content-Length, counted here too), for byte accounting.
    static func headerEstimate(_ request: URLRequest) -> Int {
        let headers = (request.allHTTPHeaderFields ?? [:]).reduce(0) { $0 + $1.key.count + $1.value.count + 4 }
        return (request.httpMethod?.count ?? 3) + (request.url?.absoluteString.count ?? 0) + headers + 40
    }
}
