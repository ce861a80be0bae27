/// One exclusive group's confusion matrix for one coder pair: the first
/// coder's category in rows, the second's in columns, cells shaded by count,
/// agreements (the diagonal) outlined.
///
/// Marks: `rect.cm-cell` for each of the categories² cells.
enum ConfusionMatrixChart {
    static func svg(_ group: ReportData.ExclusiveGroup, _ groupPair: ReportData.GroupPair) -> String {
        let k = group.categories.count
        let matrix = groupPair.confusion
        guard k > 0, matrix.count == k, matrix.allSatisfy({ $0.count == k }) else {
            return "<p class=\"empty\">No confusion matrix for this pair.</p>"
        }
        let coders = groupPair.pair.coders
        let first = coders.first ?? "first coder", second = coders.count > 1 ? coders[1] : "second coder"
        let cell = 44.0
        let left = 150.0, top = 104.0
        let width = left + cell * Double(k) + 40
        let height = top + cell * Double(k) + 10
        let biggest = max(1, matrix.flatMap { $0 }.max() ?? 1)
        var s = "<svg class=\"chart confusion-matrix\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(HTMLText.n(width))\" "
            + "height=\"\(HTMLText.n(height))\" viewBox=\"0 0 \(HTMLText.n(width)) \(HTMLText.n(height))\" role=\"img\" "
            + "aria-label=\"\(HTMLText.escape("Confusion matrix of \(group.path): \(first) in rows, \(second) in columns"))\">"
        s += "<text class=\"axis-title\" x=\"\(HTMLText.n(left + cell * Double(k) / 2))\" y=\"14\" text-anchor=\"middle\">"
            + "\(HTMLText.escape(HTMLText.clip(second, 30))) →</text>"
        s += "<text class=\"axis-title\" x=\"14\" y=\"\(HTMLText.n(top + cell * Double(k) / 2))\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 14 \(HTMLText.n(top + cell * Double(k) / 2)))\">\(HTMLText.escape(HTMLText.clip(first, 30))) →</text>"
        for (i, category) in group.categories.enumerated() {
            let row = top + cell * (Double(i) + 0.5), column = left + cell * (Double(i) + 0.5)
            s += "<text class=\"category-label\" x=\"\(HTMLText.n(left - 6))\" y=\"\(HTMLText.n(row + 4))\" text-anchor=\"end\">"
                + "<title>\(HTMLText.escape(category))</title>\(HTMLText.escape(HTMLText.clip(category, 16)))</text>"
            s += "<text class=\"category-label\" x=\"\(HTMLText.n(column))\" y=\"\(HTMLText.n(top - 6))\" text-anchor=\"start\" "
                + "transform=\"rotate(-45 \(HTMLText.n(column)) \(HTMLText.n(top - 6)))\"><title>\(HTMLText.escape(category))</title>"
                + "\(HTMLText.escape(HTMLText.clip(category, 16)))</text>"
        }
        for i in 0..<k {
            for j in 0..<k {
                let count = matrix[i][j]
                let share = Double(count) / Double(biggest)
                let x = left + cell * Double(j), y = top + cell * Double(i)
                let title = "\(first): \(group.categories[i]); \(second): \(group.categories[j]) — \(count) unit(s)"
                s += "<rect class=\"cm-cell\" x=\"\(HTMLText.n(x))\" y=\"\(HTMLText.n(y))\" width=\"\(HTMLText.n(cell - 2))\" "
                    + "height=\"\(HTMLText.n(cell - 2))\" fill=\"\(ReportColors.count(share))\""
                    + (i == j ? " stroke=\"#2b6b3f\" stroke-width=\"2\"" : "") + "><title>\(HTMLText.escape(title))</title></rect>"
                s += "<text class=\"cm-value\" x=\"\(HTMLText.n(x + cell / 2 - 1))\" y=\"\(HTMLText.n(y + cell / 2 + 4))\" "
                    + "text-anchor=\"middle\" fill=\"\(share > 0.55 ? "#ffffff" : "#111111")\">\(count)</text>"
            }
        }
        return s + "</svg>"
    }
}
