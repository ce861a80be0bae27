import AsyncHTTPClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOCore
import NIOSSL
import Store

/// One HTTP request as `SyncClient` sends it.
struct WireRequest: Sendable {
    var method: String
    var url: URL
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The request line and headers as sent (the libraries add Host, Accept
    /// and Content-Length, counted here too), for byte accounting.
    var headerBytes: Int { method.count + url.absoluteString.count + headers.reduce(0) { $0 + $1.name.count + $1.value.count + 4 } + 40 }
}

/// One HTTP response: status, the headers `SyncClient` reads, the body.
struct WireResponse: Sendable {
    var status: Int
    var retryAfter: Int?
    var body: [UInt8]
    var headerBytes: Int
}

/// The HTTP library under `SyncClient`.
protocol HTTPTransport: Sendable {
    func send(_ request: WireRequest) async throws(AccordError) -> WireResponse
}

/// URLSession (DESIGN §7), for `http://` remotes and `https://` remotes
/// whose certificate the system trusts.
struct URLSessionTransport: HTTPTransport {
    let session: URLSession

    init(timeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = 2
        session = URLSession(configuration: configuration)
    }

    func send(_ request: WireRequest) async throws(AccordError) -> WireResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        if request.method != "GET" { urlRequest.httpBody = Data(request.body) }
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let data: Data, response: URLResponse
        do { (data, response) = try await session.data(for: urlRequest) } catch {
            throw HTTPTransportFailure.describe(error, url: request.url)
        }
        let http = response as? HTTPURLResponse
        let fields = http?.allHeaderFields ?? [:]
        let headerBytes = fields.reduce(17) { $0 + "\($1.key)".utf8.count + "\($1.value)".utf8.count + 4 }
        return WireResponse(status: http?.statusCode ?? 0, retryAfter: (http?.value(forHTTPHeaderField: "Retry-After")).flatMap { Int($0) },
                            body: Array(data), headerBytes: headerBytes)
    }
}

/// AsyncHTTPClient with one trusted CA, for `https://` remotes added with
/// `--ca FILE` (a hub with its own CA, or a self-signed certificate).
///
/// URLSession cannot do this on Linux: FoundationNetworking hands every
/// transfer to libcurl with the CA bundle libcurl was built with
/// (`/etc/ssl/certs/ca-certificates.crt` on Debian), has no server-trust
/// challenge for a delegate to answer (there is no SecTrust), and reads
/// `URLSessionCertificateAuthorityInfoFile` only on Android; libcurl ignores
/// `CURL_CA_BUNDLE` and OpenSSL's `SSL_CERT_FILE` once a bundle is set.
/// Each of those was tried against a self-signed server: all refused it.
struct TrustingTransport: HTTPTransport {
    let tls: TLSConfiguration
    let timeout: TimeAmount
    let caFile: String

    init(caFile: String, timeout: TimeInterval) throws(AccordError) {
        let roots: [NIOSSLCertificate]
        do { roots = try NIOSSLCertificate.fromPEMFile(caFile) } catch {
            throw AccordError("bad_ca", "cannot read a PEM certificate from \(caFile): \(error)")
        }
        guard !roots.isEmpty else { throw AccordError("bad_ca", "\(caFile) holds no PEM certificate") }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(roots)
        tls.minimumTLSVersion = .tlsv12
        self.tls = tls
        self.timeout = .seconds(Int64(timeout))
        self.caFile = caFile
    }

    func send(_ request: WireRequest) async throws(AccordError) -> WireResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = .init(rawValue: request.method)
        outgoing.tlsConfiguration = tls
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if request.method != "GET" {
            outgoing.body = .bytes(request.body)
            outgoing.headers.replaceOrAdd(name: "Content-Length", value: String(request.body.count))
        }
        do {
            let response = try await HTTPClient.shared.execute(outgoing, timeout: timeout)
            let body = try await response.body.collect(upTo: 1 << 30)
            let headerBytes = response.headers.reduce(17) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
            return WireResponse(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After").flatMap { Int($0) },
                                body: Array(body.readableBytesView), headerBytes: headerBytes)
        } catch {
            throw HTTPTransportFailure.describe(error, url: request.url, caFile: caFile)
        }
    }
}

/// A failed exchange as one line that says what to do.
enum HTTPTransportFailure {
    static func describe(_ error: any Error, url: URL, caFile: String? = nil) -> AccordError {
        let text = (error as NSError).localizedDescription == "(null)" ? "\(error)" : (error as NSError).localizedDescription
        let endpoint = "\(url.scheme ?? "http")://\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")"
        let lowered = "\(text) \(error)".lowercased()
        if url.scheme == "https", lowered.contains("certificate") || lowered.contains("handshake") || lowered.contains("ssl") || lowered.contains("tls") {
            let hint = caFile.map { "it is not signed by the CA in \($0)" } ?? "trust its CA with --ca FILE"
            return AccordError("untrusted_certificate", "\(endpoint) presented a certificate this client does not trust (\(text)); \(hint)")
        }
        return AccordError("unreachable", "cannot reach \(endpoint): \(text)")
    }
}
