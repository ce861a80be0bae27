import Foundation

/// ISO-8601 times as accord prints and reads them: UTC, microseconds.
public enum ISOTime {
    /// `2026-05-01T12:00:00Z`, or `2026-05-01T12:00:00.000123Z` when the
    /// time has a fraction of a second.
    ///
    /// Written out by hand (days to a proleptic Gregorian date, after
    /// Howard Hinnant's `civil_from_days`) because read commands format one
    /// time per row: an `ISO8601DateFormatter` costs microseconds to build
    /// and is not safe to share across threads, and this format has no
    /// locale, zone or calendar to choose.
    public static func format(_ micros: Int64) -> String {
        var (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        if fraction < 0 { (seconds, fraction) = (seconds - 1, fraction + 1_000_000) }
        var (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        if secondOfDay < 0 { (days, secondOfDay) = (days - 1, secondOfDay + 86_400) }
        let (year, month, day) = civil(days: days)

        var out: [UInt8] = []
        out.reserveCapacity(27)
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        if (0...9999).contains(year) { digits(year, 4) } else { out.append(contentsOf: Array(String(year).utf8)) }
        out.append(UInt8(ascii: "-")); digits(month, 2)
        out.append(UInt8(ascii: "-")); digits(day, 2)
        out.append(UInt8(ascii: "T")); digits(secondOfDay / 3600, 2)
        out.append(UInt8(ascii: ":")); digits(secondOfDay / 60 % 60, 2)
        out.append(UInt8(ascii: ":")); digits(secondOfDay % 60, 2)
        if fraction != 0 { out.append(UInt8(ascii: ".")); digits(fraction, 6) }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian
    /// calendar, counting in 400-year eras that start on March 1st.
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
