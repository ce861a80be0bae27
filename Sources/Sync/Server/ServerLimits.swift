import Foundation

/// The budgets a server keeps so that strangers cannot crash, starve or
/// exhaust it (README, Security). Each has a default sized for a team's
/// hub; `accord serve` exposes the ones an operator may need to change.
public struct ServerLimits: Sendable, Equatable {
    /// Open connections at once; more wait in the listen backlog.
    public var maxConnections = 512
    /// A connection with no request under way, or whose request head does
    /// not arrive, or whose body stops arriving, for this long is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// A request's head and body must arrive within this long, however
    /// slowly they trickle in.
    public var requestTimeout: Duration = .seconds(120)
    /// Authenticated requests being served at once; more get 503 `busy`.
    public var maxRequests = 64
    /// Requests by one key being served at once; more get 429 `too_many_requests`.
    public var maxRequestsPerKey = 4
    /// Lines in one push; more get 413 `too_many_lines`.
    public var maxPushLines = 10_000
    /// Bytes in one push body.
    public var maxPushBytes = 64 * 1024 * 1024
    /// Bytes in one sync request body (a version vector: a few KB in practice).
    public var maxSyncRequestBytes = 1024 * 1024
    /// Bytes of events in one sync page, whatever the caller asks.
    public var maxPageBytes = 8 * 1024 * 1024

    public init() {}

    /// The seconds of a duration, for messages and options.
    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
