import Foundation

/// `xs:dateTime` as REFI-QDA files carry it.
///
/// Writing: UTC with a `Z`, whole seconds, plus milliseconds when the time has
/// any (`2024-10-18T23:23:46Z`, `2024-10-18T23:23:46.120Z`), so the same time
/// always gives the same text. Reading accepts what `xs:dateTime` allows:
/// fractional seconds of any length, `Z`, a `±hh:mm` offset, or no zone at
/// all (taken as UTC, since the file does not say where it was written).
public enum REFIDateTime {
    public static func format(_ date: Date) -> String {
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = Int64((millis / 1000).rounded(.down))
        let ms = Int(millis - Double(seconds) * 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (y, m, d) = civilFromDays(days)
        let hh = Int(secondOfDay / 3600), mm = Int(secondOfDay % 3600 / 60), ss = Int(secondOfDay % 60)
        var s = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(hh, 2) + ":" + pad(mm, 2) + ":" + pad(ss, 2)
        if ms != 0 { s += "." + pad(ms, 3) }
        return s + "Z"
    }

    /// The time in `text`, or nil when it is not an `xs:dateTime`.
    public static func parse(_ text: String) -> Date? {
        let u = Array(text.trimmingXMLWhitespace().utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= u.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard u[k] >= 48 && u[k] <= 57 else { return nil }
                v = v * 10 + Int(u[k] - 48)
            }
            i += n
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < u.count, u[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        var negativeYear = false
        if i < u.count, u[i] == UInt8(ascii: "-") { negativeYear = true; i += 1 }
        var yearDigits = 0
        while i + yearDigits < u.count, u[i + yearDigits] >= 48, u[i + yearDigits] <= 57 { yearDigits += 1 }
        // More than nine digits of year is no date a tool wrote, and nineteen
        // would overflow `Int` while reading them (found by fuzz-qdc).
        guard yearDigits >= 4, yearDigits <= 9, let yy = digits(yearDigits), expect("-"), let mo = digits(2), expect("-"),
              let dd = digits(2), expect("T"), let hh = digits(2), expect(":"), let mi = digits(2), expect(":"),
              let ss = digits(2)
        else { return nil }
        var fraction = 0.0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            var any = false
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                fraction += Double(u[i] - 48) * scale
                scale /= 10
                i += 1
                any = true
            }
            guard any else { return nil }
        }
        var offsetSeconds = 0
        if i < u.count {
            if u[i] == UInt8(ascii: "Z") {
                i += 1
            } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
                let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = digits(2), expect(":"), let om = digits(2), oh <= 14, om <= 59 else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        guard i == u.count else { return nil }
        let year = negativeYear ? -yy : yy
        guard (1...12).contains(mo), dd >= 1, dd <= daysInMonth(year, mo),
              hh <= 24, mi <= 59, ss <= 59, !(hh == 24 && (mi != 0 || ss != 0 || fraction != 0))
        else { return nil }
        let days = daysFromCivil(year, mo, dd)
        let seconds = Double(days) * 86_400 + Double(hh * 3600 + mi * 60 + ss) + fraction - Double(offsetSeconds)
        return Date(timeIntervalSince1970: seconds)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var q = a / b, r = a % b
        if r < 0 { q -= 1; r += b }
        return (q, r)
    }

    private static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    // Hand-written (Howard Hinnant's civil-from-days algorithms): xs:dateTime allows forms
    // ISO8601DateFormatter does not read (no zone, any number of fraction digits).
    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((m + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}
