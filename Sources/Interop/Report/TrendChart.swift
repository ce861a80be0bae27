/// Kappa (solid) and alpha (dashed) of each code over the steps of a trend.
///
/// Marks: `polyline.trend-line` per code with a kappa (`.alpha` for alpha
/// lines), `circle.trend-point` per defined value.
enum TrendChart {
    static func svg(_ trend: ReportData.Trend) -> String {
        let steps = trend.steps
        guard !steps.isEmpty else { return "<p class=\"no-trend\">The trend has no steps.</p>" }
        var codes: [String] = []
        for step in steps { for v in step.values where !codes.contains(v.code) { codes.append(v.code) } }
        let all = steps.flatMap { $0.values.flatMap { [$0.kappa, $0.alpha].compactMap { $0 } } }.filter(\.isFinite)
        let lowest = max(-1, min(0, ((all.min() ?? 0) * 5).rounded(.down) / 5))
        let left = 50.0, top = 20.0, plotHeight = 240.0
        let plotWidth = max(320.0, Double(steps.count - 1) * 90)
        let legendRows = (codes.count + 2) / 3
        let width = left + plotWidth + 40
        let height = top + plotHeight + 50 + Double(legendRows) * 18
        func x(_ i: Int) -> Double { steps.count == 1 ? left + plotWidth / 2 : left + Double(i) / Double(steps.count - 1) * plotWidth }
        func y(_ v: Double) -> Double { top + (1 - (max(lowest, min(1, v)) - lowest) / (1 - lowest)) * plotHeight }
        var s = "<svg class=\"chart trend-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(HTMLText.n(width))\" "
            + "height=\"\(HTMLText.n(height))\" viewBox=\"0 0 \(HTMLText.n(width)) \(HTMLText.n(height))\" role=\"img\" "
            + "aria-label=\"Kappa per code over time\">"
        var t = lowest
        while t <= 1.0001 {
            let v = (t * 10).rounded() / 10
            s += "<line class=\"grid\" x1=\"\(HTMLText.n(left))\" x2=\"\(HTMLText.n(left + plotWidth))\" y1=\"\(HTMLText.n(y(v)))\" "
                + "y2=\"\(HTMLText.n(y(v)))\" stroke=\"\(v == 0 ? "#888" : "#ddd")\"/>"
            s += "<text class=\"tick\" x=\"\(HTMLText.n(left - 6))\" y=\"\(HTMLText.n(y(v) + 4))\" text-anchor=\"end\">"
                + "\(HTMLText.coefficient(v))</text>"
            t += 0.2
        }
        for (i, step) in steps.enumerated() {
            s += "<text class=\"step-label\" x=\"\(HTMLText.n(x(i)))\" y=\"\(HTMLText.n(top + plotHeight + 18))\" "
                + "text-anchor=\"middle\"><title>\(HTMLText.escape(step.label))</title>\(HTMLText.escape(HTMLText.clip(step.label, 14)))</text>"
        }
        for (c, code) in codes.enumerated() {
            let color = ReportColors.category(c)
            for alpha in [false, true] {
                let points: [(Int, Double)] = steps.enumerated().compactMap { i, step in
                    guard let v = step.values.first(where: { $0.code == code }), let value = alpha ? v.alpha : v.kappa,
                          value.isFinite else { return nil }
                    return (i, value)
                }
                guard !points.isEmpty else { continue }
                let path = points.map { "\(HTMLText.n(x($0.0))),\(HTMLText.n(y($0.1)))" }.joined(separator: " ")
                s += "<polyline class=\"trend-line\(alpha ? " alpha" : "")\" points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" "
                    + "stroke-width=\"2\"\(alpha ? " stroke-dasharray=\"5 4\"" : "")><title>\(HTMLText.escape(code))"
                    + "\(alpha ? " (alpha)" : " (kappa)")</title></polyline>"
                for (i, value) in points {
                    s += "<circle class=\"trend-point\" cx=\"\(HTMLText.n(x(i)))\" cy=\"\(HTMLText.n(y(value)))\" r=\"3\" fill=\"\(color)\">"
                        + "<title>\(HTMLText.escape("\(code), \(steps[i].label): \(alpha ? "α" : "κ") = \(HTMLText.coefficient(value))"))</title></circle>"
                }
            }
        }
        for (c, code) in codes.enumerated() {
            let lx = left + Double(c % 3) * (plotWidth / 3)
            let ly = top + plotHeight + 40 + Double(c / 3) * 18
            s += "<rect x=\"\(HTMLText.n(lx))\" y=\"\(HTMLText.n(ly - 9))\" width=\"12\" height=\"10\" fill=\"\(ReportColors.category(c))\"/>"
            s += "<text class=\"legend\" x=\"\(HTMLText.n(lx + 16))\" y=\"\(HTMLText.n(ly))\"><title>\(HTMLText.escape(code))</title>"
                + "\(HTMLText.escape(HTMLText.clip(code, 34)))</text>"
        }
        return s + "</svg>"
    }
}
