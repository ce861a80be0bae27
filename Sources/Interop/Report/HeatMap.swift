/// Coder × coder heat map of the mean kappa over the codes each pair has a
/// kappa for; the diagonal is the coder with themself and left grey.
///
/// Marks: `rect.heat-cell` for each of the coders² cells.
enum HeatMap {
    /// Mean kappa per unordered pair of coders.
    static func means(_ data: ReportData) -> [String: (mean: Double, codes: Int)] {
        var sums: [String: (Double, Int)] = [:]
        for code in data.codes {
            for pair in code.pairs {
                guard let k = pair.kappa, k.isFinite else { continue }
                let key = KappaChart.pairKey(pair.coders.sorted())
                let (s, n) = sums[key] ?? (0, 0)
                sums[key] = (s + k, n + 1)
            }
        }
        return sums.mapValues { ($0.0 / Double($0.1), $0.1) }
    }

    static func svg(_ data: ReportData) -> String {
        let coders = data.coders
        guard coders.count >= 2 else { return "<p class=\"empty\">A heat map needs at least two coders.</p>" }
        let means = means(data)
        let cell = 64.0
        let left = 150.0, top = 96.0
        let width = left + cell * Double(coders.count) + 40, height = top + cell * Double(coders.count) + 10
        var s = "<svg class=\"chart heat-map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(HTMLText.n(width))\" "
            + "height=\"\(HTMLText.n(height))\" viewBox=\"0 0 \(HTMLText.n(width)) \(HTMLText.n(height))\" role=\"img\" "
            + "aria-label=\"Mean Cohen's kappa for each pair of coders\">"
        for (i, coder) in coders.enumerated() {
            let row = top + cell * (Double(i) + 0.5), column = left + cell * (Double(i) + 0.5)
            s += "<text class=\"coder-label\" x=\"\(HTMLText.n(left - 8))\" y=\"\(HTMLText.n(row + 4))\" text-anchor=\"end\">"
                + "<title>\(HTMLText.escape(coder))</title>\(HTMLText.escape(HTMLText.clip(coder, 20)))</text>"
            s += "<text class=\"coder-label\" x=\"\(HTMLText.n(column))\" y=\"\(HTMLText.n(top - 8))\" text-anchor=\"start\" "
                + "transform=\"rotate(-40 \(HTMLText.n(column)) \(HTMLText.n(top - 8)))\"><title>\(HTMLText.escape(coder))</title>"
                + "\(HTMLText.escape(HTMLText.clip(coder, 20)))</text>"
        }
        for (i, a) in coders.enumerated() {
            for (j, b) in coders.enumerated() {
                let x = left + cell * Double(j), y = top + cell * Double(i)
                let entry = i == j ? nil : means[KappaChart.pairKey([a, b].sorted())]
                let fill = i == j ? "#d0d0d0" : ReportColors.kappa(entry?.mean)
                let title = i == j ? "\(a)" : "\(a) × \(b): mean κ = \(HTMLText.coefficient(entry?.mean)) over \(entry?.codes ?? 0) code(s)"
                s += "<rect class=\"heat-cell\" x=\"\(HTMLText.n(x))\" y=\"\(HTMLText.n(y))\" width=\"\(HTMLText.n(cell - 2))\" "
                    + "height=\"\(HTMLText.n(cell - 2))\" fill=\"\(fill)\"><title>\(HTMLText.escape(title))</title></rect>"
                let text = i == j ? "—" : HTMLText.coefficient(entry?.mean)
                s += "<text class=\"heat-value\" x=\"\(HTMLText.n(x + cell / 2 - 1))\" y=\"\(HTMLText.n(y + cell / 2 + 4))\" "
                    + "text-anchor=\"middle\" fill=\"\(i == j ? "#555555" : ReportColors.kappaText(entry?.mean))\">\(text)</text>"
            }
        }
        return s + "</svg>"
    }
}
