/// A disagreement: the unit's text once per coder, with that coder's coded
/// spans highlighted in the code's colour, and the consensus when decided.
///
/// Marks: `mark.span` per highlighted stretch of a coder's line.
enum DisagreementView {
    static func html(_ d: ReportData.Disagreement, codeIndex: [String: Int]) -> String {
        var s = "<article class=\"disagreement\">"
        s += "<h3>\(HTMLText.escape(d.document)) <span class=\"span-range\">characters \(d.start)–\(d.end)</span></h3>"
        s += "<p class=\"unit-text\">\(HTMLText.escape(d.text))</p>"
        s += "<table class=\"coder-lines\"><tbody>"
        let scalars = Array(d.text.unicodeScalars)
        for coder in d.coders {
            let chips = coder.spans.isEmpty
                ? "<span class=\"no-code\">no code</span>"
                : coder.spans.map { span in
                    let i = codeIndex[span.code] ?? 0
                    return "<span class=\"chip\" style=\"background:\(ReportColors.highlight(i));border-color:\(ReportColors.category(i))\">"
                        + "\(HTMLText.escape(span.code))</span>"
                }.joined(separator: " ")
            s += "<tr><th scope=\"row\">\(HTMLText.escape(coder.coder))</th><td class=\"codes\">\(chips)</td>"
                + "<td class=\"highlighted\">\(highlighted(scalars, coder.spans, codeIndex))</td></tr>"
        }
        s += "</tbody></table>"
        if let consensus = d.consensus {
            s += "<p class=\"consensus\"><strong>Consensus:</strong> "
                + (consensus.codes.isEmpty ? "no code" : consensus.codes.map(HTMLText.escape).joined(separator: ", "))
                + (consensus.decidedBy.map { " <span class=\"by\">(decided by \(HTMLText.escape($0)))</span>" } ?? "")
                + (consensus.note.map { " — \(HTMLText.escape($0))" } ?? "") + "</p>"
        } else {
            s += "<p class=\"consensus open\">No consensus decided yet.</p>"
        }
        return s + "</article>"
    }

    /// The unit's text with each stretch covered by one or more of the coder's
    /// spans in a `<mark>`; spans are clamped to the text.
    static func highlighted(_ scalars: [Unicode.Scalar], _ spans: [ReportData.CodedSpan], _ codeIndex: [String: Int]) -> String {
        var cuts: Set<Int> = [0, scalars.count]
        let clamped = spans.map { span in
            (span.code, max(0, min(scalars.count, span.start)), max(0, min(scalars.count, span.end)))
        }.filter { $0.1 < $0.2 }
        for (_, a, b) in clamped { cuts.insert(a); cuts.insert(b) }
        let points = cuts.sorted()
        var s = ""
        for (a, b) in zip(points, points.dropFirst()) where a < b {
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[a..<b])
            let text = HTMLText.escape(String(piece))
            let covering = clamped.filter { $0.1 <= a && b <= $0.2 }.map(\.0)
            if covering.isEmpty {
                s += text
            } else {
                let i = codeIndex[covering[0]] ?? 0
                let stripe = covering.count > 1 ? ";box-shadow:inset 0 -3px 0 \(ReportColors.category(codeIndex[covering[1]] ?? 1))" : ""
                s += "<mark class=\"span\" style=\"background:\(ReportColors.highlight(i))\(stripe)\" title=\""
                    + "\(HTMLText.escape(covering.joined(separator: ", ")))\">\(text)</mark>"
            }
        }
        return s
    }
}
