import Store

/// The sync protocol's version and routes (events/README.md §14).
///
/// Version 2 binds every signed request to the replica it is sent to: the
/// signed message names the replica's id, which `GET /v1/info` announces.
/// Discovery stays at `/v1/info` so that any accord can learn which
/// protocol a server speaks; the signed endpoints moved to `/v2/…`, and a
/// version-1 client that calls the old ones gets `protocol_mismatch`.
public enum SyncWire {
    public static let version: Int64 = 2

    public static let infoPath = "/v1/info"
    public static let syncPath = "/v2/sync"
    public static let eventsPath = "/v2/events"
    /// The signed endpoints of protocol 1, answered with `protocol_mismatch`.
    public static let retiredPaths = ["/v1/sync", "/v1/events"]

    /// RFC 9530's header naming the body's SHA-256, which the signature
    /// covers: the server checks the signature before it reads the body.
    public static let contentDigestHeader = "Content-Digest"

    public static func mismatch(serverVersion: Int64, url: String) -> AccordError {
        serverVersion < version
            ? AccordError("protocol_mismatch", "\(url) speaks accord sync protocol \(serverVersion) and this accord speaks \(version): upgrade accord on the server")
            : AccordError("protocol_mismatch", "\(url) speaks accord sync protocol \(serverVersion) and this accord speaks \(version): upgrade accord here")
    }
}
