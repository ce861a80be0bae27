/// Kappa per code and coder pair as points with 95% CI whiskers, one row per
/// (code, pair), on a shared axis with the Landis–Koch bands shaded.
///
/// Marks: `circle.kappa-point` per defined kappa, `line.ci-whisker` per interval,
/// `text.kappa-undefined` where kappa is undefined.
enum KappaChart {
    static let rowHeight = 16.0
    static let labelWidth = 300.0
    static let plotWidth = 420.0

    static func svg(_ data: ReportData, pairIndex: [String: Int]) -> String {
        let rows = data.codes.flatMap { code in code.pairs.map { (code, $0) } }
        guard !rows.isEmpty else { return "<p class=\"empty\">No code has a coder pair to compare.</p>" }
        let values = rows.flatMap { [$0.1.kappa, $0.1.ci95?.lowerBound].compactMap { $0 } }.filter(\.isFinite)
        let lowest = max(-1, min(0, ((values.min() ?? 0) * 5).rounded(.down) / 5))
        let top = 28.0
        let height = top + Double(rows.count) * rowHeight + 34
        let width = labelWidth + plotWidth + 30
        func x(_ k: Double) -> Double { labelWidth + (max(lowest, min(1, k)) - lowest) / (1 - lowest) * plotWidth }
        var s = "<svg class=\"chart kappa-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(HTMLText.n(width))\" "
            + "height=\"\(HTMLText.n(height))\" viewBox=\"0 0 \(HTMLText.n(width)) \(HTMLText.n(height))\" role=\"img\" "
            + "aria-label=\"Cohen's kappa per code and coder pair with 95% confidence intervals\">"
        // Landis–Koch bands.
        let bands: [(Double, Double, String, String)] = [
            (0, 0.2, "#fbeee6", "slight"), (0.2, 0.4, "#fdf5e6", "fair"), (0.4, 0.6, "#f4f8e8", "moderate"),
            (0.6, 0.8, "#e9f4ec", "substantial"), (0.8, 1, "#e2f0f6", "almost perfect"),
        ]
        for (lo, hi, fill, label) in bands {
            s += "<rect class=\"band\" x=\"\(HTMLText.n(x(lo)))\" y=\"\(HTMLText.n(top))\" width=\"\(HTMLText.n(x(hi) - x(lo)))\" "
                + "height=\"\(HTMLText.n(Double(rows.count) * rowHeight))\" fill=\"\(fill)\"><title>\(label) (Landis–Koch)</title></rect>"
        }
        var ticks: [Double] = []
        var t = lowest
        while t <= 1.0001 { ticks.append((t * 10).rounded() / 10); t += 0.2 }
        for tick in ticks {
            s += "<line class=\"grid\" x1=\"\(HTMLText.n(x(tick)))\" x2=\"\(HTMLText.n(x(tick)))\" y1=\"\(HTMLText.n(top - 4))\" "
                + "y2=\"\(HTMLText.n(top + Double(rows.count) * rowHeight))\" stroke=\"\(tick == 0 ? "#888" : "#ccc")\"/>"
            s += "<text class=\"tick\" x=\"\(HTMLText.n(x(tick)))\" y=\"\(HTMLText.n(top - 8))\" text-anchor=\"middle\">"
                + "\(HTMLText.coefficient(tick))</text>"
        }
        var previousCode = ""
        for (i, (code, pair)) in rows.enumerated() {
            let y = top + Double(i) * rowHeight + rowHeight / 2
            let color = ReportColors.category(pairIndex[pairKey(pair.coders)] ?? 0)
            if code.path != previousCode {
                previousCode = code.path
                if i > 0 {
                    s += "<line class=\"separator\" x1=\"0\" x2=\"\(HTMLText.n(width))\" y1=\"\(HTMLText.n(y - rowHeight / 2))\" "
                        + "y2=\"\(HTMLText.n(y - rowHeight / 2))\" stroke=\"#e4e4e4\"/>"
                }
                s += "<text class=\"code-label\" x=\"\(HTMLText.n(labelWidth - 8))\" y=\"\(HTMLText.n(y + 4))\" text-anchor=\"end\">"
                    + "<title>\(HTMLText.escape(code.path))</title>\(HTMLText.escape(HTMLText.clip(code.path, 44)))</text>"
            }
            let detail = "\(code.path) — \(pair.coders.joined(separator: " × ")): κ = \(HTMLText.coefficient(pair.kappa)) "
                + "\(HTMLText.interval(pair.ci95)), \(HTMLText.percent(pair.percentAgreement)) agreement, n = \(pair.n)"
                + (pair.note.map { " — \($0)" } ?? "")
            if let ci = pair.ci95, ci.lowerBound.isFinite, ci.upperBound.isFinite {
                s += "<line class=\"ci-whisker\" x1=\"\(HTMLText.n(x(ci.lowerBound)))\" x2=\"\(HTMLText.n(x(ci.upperBound)))\" "
                    + "y1=\"\(HTMLText.n(y))\" y2=\"\(HTMLText.n(y))\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
                for end in [ci.lowerBound, ci.upperBound] {
                    s += "<line class=\"ci-cap\" x1=\"\(HTMLText.n(x(end)))\" x2=\"\(HTMLText.n(x(end)))\" y1=\"\(HTMLText.n(y - 4))\" "
                        + "y2=\"\(HTMLText.n(y + 4))\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
                }
            }
            if let k = pair.kappa, k.isFinite {
                s += "<circle class=\"kappa-point\" cx=\"\(HTMLText.n(x(k)))\" cy=\"\(HTMLText.n(y))\" r=\"4\" fill=\"\(color)\">"
                    + "<title>\(HTMLText.escape(detail))</title></circle>"
            } else {
                s += "<text class=\"kappa-undefined\" x=\"\(HTMLText.n(x(lowest) + 4))\" y=\"\(HTMLText.n(y + 4))\">"
                    + "<title>\(HTMLText.escape(detail))</title>n/a</text>"
            }
        }
        let axisY = top + Double(rows.count) * rowHeight + 22
        s += "<text class=\"axis-title\" x=\"\(HTMLText.n(labelWidth + plotWidth / 2))\" y=\"\(HTMLText.n(axisY))\" "
            + "text-anchor=\"middle\">Cohen's κ (dot) with 95% CI (whiskers)</text>"
        return s + "</svg>"
    }

    static func pairKey(_ coders: [String]) -> String { coders.joined(separator: "\u{1F}") }
}
