/// Renders the agreement report as one self-contained HTML file: inline CSS
/// and inline SVG, no script, no font, image or link to anything outside the
/// file — so it reads the same from a mail attachment, offline, years later.
///
/// Sections: overall figures; kappa per code with 95% CI whiskers (and the
/// numbers in a table); a coder × coder heat map of mean kappa; each exclusive
/// group's confusion matrix per coder pair; kappa over time (or a sentence
/// saying no trend was computed); the disagreements with each coder's spans
/// highlighted in the unit's text; notes. All text from the data is escaped.
public enum HTMLReport {
    /// The report page. Progress counts the sections and then each disagreement.
    public static func render(_ data: ReportData, progress: InteropProgress? = nil) -> String {
        var reporter = ProgressReporter(progress, total: 5 + data.disagreements.count)
        var pairIndex: [String: Int] = [:]
        for code in data.codes {
            for pair in code.pairs where pairIndex[KappaChart.pairKey(pair.coders)] == nil {
                pairIndex[KappaChart.pairKey(pair.coders)] = pairIndex.count
            }
        }
        var codeIndex: [String: Int] = [:]
        func index(_ code: String) { if codeIndex[code] == nil { codeIndex[code] = codeIndex.count } }
        data.codes.forEach { index($0.path) }
        for d in data.disagreements { for c in d.coders { c.spans.forEach { index($0.code) } } }

        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>\(HTMLText.escape(data.title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n"
        html += "<header><h1>\(HTMLText.escape(data.title))</h1>"
        if let subtitle = data.subtitle { html += "<p class=\"subtitle\">\(HTMLText.escape(subtitle))</p>" }
        html += "<p class=\"coders\">Coders: " + data.coders.map { "<span class=\"coder\">\(HTMLText.escape($0))</span>" }
            .joined(separator: ", ") + "</p></header>\n"
        html += overallSection(data.overall)
        reporter.advance()

        html += "<section id=\"codes\"><h2>Kappa per code</h2>"
        html += legend(pairIndex)
        html += "<div class=\"scroll\">\(KappaChart.svg(data, pairIndex: pairIndex))</div>"
        html += codeTable(data) + "</section>\n"
        reporter.advance()

        html += "<section id=\"coders\"><h2>Coder × coder</h2><p class=\"explain\">Mean Cohen's κ over the codes "
            + "each pair of coders has a kappa for.</p>\(HeatMap.svg(data))</section>\n"
        reporter.advance()

        html += "<section id=\"groups\"><h2>Exclusive groups</h2>"
        if data.groups.isEmpty {
            html += "<p class=\"empty\">The codebook has no exclusive group.</p>"
        }
        for group in data.groups {
            html += "<div class=\"group\"><h3>\(HTMLText.escape(group.path))</h3><p class=\"figures\">Fleiss' κ "
                + "\(HTMLText.coefficient(group.fleissKappa)) · Krippendorff's α \(HTMLText.coefficient(group.krippendorffAlpha))"
                + (group.note.map { " · \(HTMLText.escape($0))" } ?? "") + "</p><div class=\"matrices\">"
            for gp in group.pairs {
                html += "<figure class=\"matrix\">\(ConfusionMatrixChart.svg(group, gp))<figcaption>"
                    + "\(HTMLText.escape(gp.pair.coders.joined(separator: " × "))): κ \(HTMLText.coefficient(gp.pair.kappa)) "
                    + "\(HTMLText.interval(gp.pair.ci95)), \(HTMLText.percent(gp.pair.percentAgreement)) agreement, "
                    + "n = \(gp.pair.n)" + (gp.pair.note.map { " — \(HTMLText.escape($0))" } ?? "") + "</figcaption></figure>"
            }
            html += "</div></div>"
        }
        html += "</section>\n"
        reporter.advance()

        html += "<section id=\"trend\"><h2>Kappa over time</h2>"
        if let trend = data.trend {
            html += "<p class=\"explain\">Solid lines: Cohen's κ; dashed lines: Krippendorff's α.</p>"
                + "<div class=\"scroll\">\(TrendChart.svg(trend))</div>"
        } else {
            html += "<p class=\"no-trend\">No trend was computed for this report, so there is no kappa over time to show.</p>"
        }
        html += "</section>\n"
        reporter.advance()

        html += "<section id=\"disagreements\"><h2>Disagreements</h2>"
        if data.disagreements.isEmpty { html += "<p class=\"empty\">The coders agree on every unit.</p>" }
        for d in data.disagreements {
            html += DisagreementView.html(d, codeIndex: codeIndex)
            reporter.advance()
        }
        html += "</section>\n"
        if !data.notes.isEmpty {
            html += "<section id=\"notes\"><h2>Notes</h2><ul>" + data.notes.map { "<li>\(HTMLText.escape($0))</li>" }.joined()
                + "</ul></section>\n"
        }
        html += "</body>\n</html>\n"
        reporter.finish()
        return html
    }

    private static func overallSection(_ o: ReportData.Overall) -> String {
        func card(_ label: String, _ value: String, _ extra: String = "") -> String {
            "<div class=\"card\"><div class=\"value\">\(value)</div><div class=\"label\">\(label)\(extra)</div></div>"
        }
        var s = "<section id=\"overall\"><h2>Overall</h2><div class=\"cards\">"
        s += card("Cohen's κ", HTMLText.coefficient(o.kappa), o.ci95.map { " <span class=\"ci\">\(HTMLText.interval($0))</span>" } ?? "")
        s += card("Fleiss' κ", HTMLText.coefficient(o.fleissKappa))
        s += card("Krippendorff's α", HTMLText.coefficient(o.krippendorffAlpha))
        s += card("Agreement", HTMLText.percent(o.percentAgreement))
        s += "</div>" + (o.note.map { "<p class=\"note\">\(HTMLText.escape($0))</p>" } ?? "") + "</section>\n"
        return s
    }

    private static func legend(_ pairIndex: [String: Int]) -> String {
        guard pairIndex.count > 1 else { return "" }
        return "<p class=\"legend\">" + pairIndex.sorted { $0.value < $1.value }.map { key, i in
            "<span class=\"swatch\" style=\"background:\(ReportColors.category(i))\"></span>"
                + HTMLText.escape(key.split(separator: "\u{1F}").joined(separator: " × "))
        }.joined(separator: " ") + "</p>"
    }

    private static func codeTable(_ data: ReportData) -> String {
        var s = "<details><summary>The numbers</summary><table class=\"numbers\"><thead><tr><th>Code</th><th>Coders</th>"
            + "<th>κ</th><th>95% CI</th><th>Agreement</th><th>n</th><th>Fleiss' κ</th><th>α</th><th>Note</th></tr></thead><tbody>"
        for code in data.codes {
            for (i, pair) in code.pairs.enumerated() {
                s += "<tr><td>\(i == 0 ? HTMLText.escape(code.path) : "")</td>"
                    + "<td>\(HTMLText.escape(pair.coders.joined(separator: " × ")))</td>"
                    + "<td class=\"num\">\(HTMLText.coefficient(pair.kappa))</td><td class=\"num\">\(HTMLText.interval(pair.ci95))</td>"
                    + "<td class=\"num\">\(HTMLText.percent(pair.percentAgreement))</td><td class=\"num\">\(pair.n)</td>"
                    + "<td class=\"num\">\(i == 0 ? HTMLText.coefficient(code.fleissKappa) : "")</td>"
                    + "<td class=\"num\">\(i == 0 ? HTMLText.coefficient(code.krippendorffAlpha) : "")</td>"
                    + "<td>\(HTMLText.escape([pair.note, i == 0 ? code.note : nil].compactMap { $0 }.joined(separator: "; ")))</td></tr>"
            }
        }
        return s + "</tbody></table></details>"
    }

    static let style = """
        body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
               color: #1d1d1f; background: #ffffff; margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.45; }
        h1 { font-size: 1.7em; margin: 0 0 4px; }
        h2 { font-size: 1.3em; border-bottom: 2px solid #e5e5e5; padding-bottom: 4px; margin-top: 36px; }
        h3 { font-size: 1.05em; margin: 18px 0 6px; }
        .subtitle, .explain, .figures, .note { color: #555; margin: 4px 0; }
        .coder { font-weight: 600; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { border: 1px solid #e0e0e0; border-radius: 8px; padding: 10px 16px; min-width: 130px; }
        .card .value { font-size: 1.6em; font-weight: 700; }
        .card .label { color: #555; font-size: 0.9em; }
        .ci { color: #777; font-size: 0.9em; }
        .scroll { overflow-x: auto; }
        svg.chart { font-size: 11px; font-family: inherit; }
        svg text.code-label, svg text.coder-label, svg text.category-label { fill: #333; }
        svg text.tick, svg text.axis-title, svg text.step-label, svg text.legend { fill: #555; }
        svg text.kappa-undefined { fill: #999; font-style: italic; }
        .legend { font-size: 0.9em; color: #444; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin: 0 4px 0 10px; vertical-align: -1px; }
        details { margin-top: 12px; }
        table.numbers { border-collapse: collapse; font-size: 0.85em; margin-top: 8px; }
        table.numbers th, table.numbers td { border-bottom: 1px solid #eee; padding: 3px 8px; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .matrices { display: flex; flex-wrap: wrap; gap: 16px; }
        figure.matrix { margin: 0; }
        figcaption { font-size: 0.85em; color: #444; max-width: 360px; }
        .no-trend, .empty { color: #666; font-style: italic; }
        article.disagreement { border: 1px solid #e3e3e3; border-radius: 8px; padding: 6px 14px 10px; margin: 14px 0; }
        .span-range { color: #777; font-weight: normal; font-size: 0.85em; }
        .unit-text { color: #444; background: #fafafa; padding: 6px 8px; border-radius: 4px; white-space: pre-wrap; }
        table.coder-lines { border-collapse: collapse; width: 100%; }
        table.coder-lines th { text-align: left; vertical-align: top; padding: 4px 10px 4px 0; white-space: nowrap; }
        table.coder-lines td { vertical-align: top; padding: 4px 6px; }
        td.codes { width: 28%; }
        td.highlighted { white-space: pre-wrap; }
        .chip { display: inline-block; border: 1px solid; border-radius: 10px; padding: 0 7px; font-size: 0.85em; margin: 1px 0; }
        .no-code { color: #888; font-style: italic; }
        mark.span { border-radius: 2px; padding: 0 1px; color: inherit; }
        .consensus { margin: 6px 0 0; }
        .consensus.open { color: #888; font-style: italic; }
        @media print { .scroll { overflow: visible; } details { display: block; } }

        """
}
