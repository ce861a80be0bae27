import Foundation

/// Monotonic wall-clock time in seconds.
@inline(__always) func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `body` once and returns its result and wall time in seconds.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = now()
    let result = try body()
    return (result, now() - start)
}

func timedAsync<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = now()
    let result = try await body()
    return (result, now() - start)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    let rank = min(s.count - 1, max(0, Int((p / 100 * Double(s.count - 1)).rounded())))
    return s[rank]
}

/// This process's peak resident set (VmHWM), in bytes.
func peakRSS() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }
    return 0
}

/// The 1-minute load average: the machine is shared, so each report says how busy it was.
func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
}

/// Progress on stderr, so tables on stdout stay clean.
func note(_ text: String) {
    FileHandle.standardError.write(Data(("  · " + text + "\n").utf8))
}

enum Format {
    static func int(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (i, c) in s.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }

    static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite else { return "–" }
        if perSecond >= 10_000 { return Format.int(Int(perSecond.rounded())) + "/s" }
        return String(format: "%.1f/s", perSecond)
    }

    static func seconds(_ s: Double) -> String {
        guard s.isFinite else { return "–" }
        if s < 0.001 { return String(format: "%.1f µs", s * 1e6) }
        if s < 1 { return String(format: "%.2f ms", s * 1e3) }
        return String(format: "%.2f s", s)
    }

    static func ratio(_ r: Double) -> String {
        guard r.isFinite else { return "–" }
        return r >= 100 ? String(format: "%.0f×", r) : String(format: "%.2f×", r)
    }

    static func bytes(_ b: Int) -> String {
        if b >= 1 << 20 { return String(format: "%.1f MB", Double(b) / 1048576) }
        if b >= 10 << 10 { return String(format: "%.1f KB", Double(b) / 1024) }
        return "\(b) B"
    }
}

/// A benchmark's printed result: parameters, then rows of figure / baseline / ratio.
final class Report {
    let title: String
    var parameters: [(String, String)] = []
    var rows: [[String]] = []
    var verdicts: [String] = []

    init(_ title: String) { self.title = title }

    func parameter(_ name: String, _ value: Any) { parameters.append((name, "\(value)")) }

    /// One measured line: what, the figure, and optional detail.
    func row(_ what: String, _ figure: String, _ detail: String = "") { rows.append([what, figure, detail]) }

    /// A goal check, printed as ✓/✗ with the numbers.
    func goal(_ text: String, met: Bool) { verdicts.append((met ? "✓ " : "✗ ") + text) }

    func print() {
        var out = "\n== \(title) ==\n"
        parameters.append(("load average", loadAverage()))
        if !parameters.isEmpty {
            out += "parameters: " + parameters.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "\n"
        }
        let w0 = rows.map { $0[0].count }.max() ?? 0
        let w1 = rows.map { $0[1].count }.max() ?? 0
        for r in rows {
            out += "  " + r[0].padding(toLength: w0, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: max(0, w1 - r[1].count)) + r[1]
                + (r[2].isEmpty ? "" : "  " + r[2]) + "\n"
        }
        for v in verdicts { out += "  " + v + "\n" }
        Swift.print(out, terminator: "")
        fflush(nil)
    }
}
