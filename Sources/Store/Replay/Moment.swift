import Foundation

/// A point in a project's history that read commands can be asked about
/// (`--at`): a time (every event with `time <= T`, a causally closed cut) or
/// an event (its causal past, itself included).
public enum Moment: Sendable, Equatable {
    case now
    case time(Int64)
    case event(String)

    /// Parses `--at`: an event id (64 hex digits, or a unique prefix of at
    /// least 8 resolved by the store), or an ISO-8601 date-time.
    public static func parse(_ text: String) throws(AccordError) -> Moment {
        let lower = text.lowercased()
        if lower.count >= 8, lower.count <= 64, lower.allSatisfy({ $0.isHexDigit }), !text.contains("-") {
            return .event(lower)
        }
        if let micros = ISOTime.parse(text) { return .time(micros) }
        throw AccordError("bad_moment", "--at takes an ISO-8601 time (2026-05-01T12:00:00Z, 2026-05-01) or an event id; got `\(text)`")
    }
}
