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

/// ISO-8601 times as accord prints and reads them: UTC, microseconds.
public enum ISOTime {
    public static func format(_ micros: Int64) -> String {
        let seconds = Double(micros / 1_000_000)
        let fraction = micros % 1_000_000
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let base = formatter.string(from: Date(timeIntervalSince1970: seconds))
        return fraction == 0 ? base : base.replacingOccurrences(of: "Z", with: String(format: ".%06dZ", fraction))
    }

    /// Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` with `Z` or an
    /// offset (no zone means UTC); returns microseconds since the epoch.
    public static func parse(_ text: String) -> Int64? {
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        // No zone means UTC; seconds may be left out.
        for candidate in [text, text + "Z", text + ":00Z"] {
            if let date = full.date(from: candidate) ?? plain.date(from: candidate) { return micros(date, text) }
        }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if text.count == 10, let date = day.date(from: text) { return micros(date, text) }
        return nil
    }

    /// Microseconds, keeping all six fractional digits (Date rounds them).
    static func micros(_ date: Date, _ text: String) -> Int64 {
        let whole = Int64(date.timeIntervalSince1970.rounded(.down))
        var fraction: Int64 = 0
        if let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...].prefix(while: { $0.isNumber })
            let padded = (digits + String(repeating: "0", count: 6)).prefix(6)
            fraction = Int64(padded) ?? 0
        }
        return whole * 1_000_000 + fraction
    }
}
