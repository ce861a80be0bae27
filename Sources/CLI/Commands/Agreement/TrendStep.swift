import Store

/// `agreement --every`: a duration (`1d`, `6h`, `30m`, `45s`) or a count of
/// events (`500-events`).
enum TrendStep {
    static func parse(_ text: String) throws(AccordError) -> SeriesCut {
        let lower = text.lowercased()
        if lower.hasSuffix("-events"), let n = Int(lower.dropLast("-events".count)), n > 0 { return .events(n) }
        let units: [Character: Int64] = ["d": 86_400_000_000, "h": 3_600_000_000, "m": 60_000_000, "s": 1_000_000]
        if let unit = lower.last, let micros = units[unit], let n = Int64(lower.dropLast()), n > 0, n < 100_000 {
            return .interval(n * micros)
        }
        throw AccordError("bad_step", "--every is a duration (1d, 6h, 30m, 45s) or a number of events (500-events); got `\(text)`")
    }
}
