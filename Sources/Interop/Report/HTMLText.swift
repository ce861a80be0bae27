import Foundation

/// Escaping and number formatting for the report. Every piece of text from
/// the data goes through `escape`, in element content and attributes alike.
enum HTMLText {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // C0 controls other than tab and LF cannot appear in HTML text.
                if c.value < 0x20 && c != "\t" && c != "\n" { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// `0.73`, or `n/a`.
    static func coefficient(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "n/a" }
        return String(format: "%.2f", v)
    }

    static func interval(_ ci: ClosedRange<Double>?) -> String {
        guard let ci else { return "" }
        return "[\(coefficient(ci.lowerBound)), \(coefficient(ci.upperBound))]"
    }

    static func percent(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "n/a" }
        return String(format: "%.1f%%", v)
    }

    /// An SVG coordinate: one decimal, no trailing zeros.
    static func n(_ v: Double) -> String {
        let rounded = (v * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    /// At most `limit` characters, with an ellipsis when cut.
    static func clip(_ s: String, _ limit: Int) -> String {
        s.count > limit ? String(s.prefix(limit - 1)) + "…" : s
    }
}

/// Colours of the report: a categorical palette for coder pairs and codes,
/// and a diverging scale for kappa (red below zero, white at zero, blue at one).
enum ReportColors {
    static let categorical = [
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
    ]

    static func category(_ i: Int) -> String { categorical[((i % categorical.count) + categorical.count) % categorical.count] }

    /// Pale versions for highlighting text.
    static let highlight = [
        "#bcd7ee", "#f4bcbc", "#bfe5bf", "#dccdea", "#ffd8b0", "#b5ebf0", "#dcc9c4", "#f6cbe6", "#d9d9d9", "#e9eab2",
    ]

    static func highlight(_ i: Int) -> String { highlight[((i % highlight.count) + highlight.count) % highlight.count] }

    /// Fill for a kappa in a heat map: -1…0 red → white, 0…1 white → blue.
    static func kappa(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "#eeeeee" }
        let t = max(-1, min(1, v))
        let (r, g, b): (Double, Double, Double)
        if t < 0 {
            let s = -t
            (r, g, b) = (255 - s * (255 - 202), 255 - s * (255 - 0), 255 - s * (255 - 32))
        } else {
            (r, g, b) = (255 - t * (255 - 8), 255 - t * (255 - 81), 255 - t * (255 - 156))
        }
        return String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }

    /// Text colour that reads on `kappa(v)`.
    static func kappaText(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "#555555" }
        return abs(v) > 0.55 ? "#ffffff" : "#111111"
    }

    /// Fill for a share 0…1 of the largest cell in a confusion matrix.
    static func count(_ share: Double) -> String {
        let t = max(0, min(1, share))
        return String(format: "#%02x%02x%02x", Int((255 - t * (255 - 33)).rounded()),
                      Int((255 - t * (255 - 113)).rounded()), Int((255 - t * (255 - 181)).rounded()))
    }
}
