/// The readable table `accord agreement` prints without `--json`.
extension AgreementReport {
    /// A fixed-width table: one row per code and coder pair (kappa with its 95% interval,
    /// percent agreement, the 2×2 counts), the all-coder coefficients under each code, then
    /// the exclusive groups with their confusion matrices, then the overall figures and notes
    /// explaining every empty ("—") cell.
    public func table() -> String {
        var out: [String] = []
        var header = "Agreement by \(unit)"
        if let overlapPercent { header += " (overlap ≥ \(Format.number(overlapPercent, 1))%)" }
        header += " · coders: \(coders.joined(separator: ", "))"
        if let reference { header += " · against \(reference)" }
        header += " · \(documents) document\(documents == 1 ? "" : "s") · \(units) unit\(units == 1 ? "" : "s")"
        out.append(header)
        out.append("")

        var footnotes = Footnotes()
        let codeWidth = min(40, max(4, codes.map { $0.code.count }.max() ?? 4))
        let pairWidth = max(4, codes.flatMap { $0.pairs.map { $0.coders.joined(separator: "/").count } }.max() ?? 4)
        let columns: [(String, Int)] = [
            ("n", 8), ("both", 7), ("1st", 7), ("2nd", 7), ("neither", 8), ("agree%", 8), ("kappa", 8),
            ("95% CI", 18), ("PABAK", 7), ("AC1", 7),
        ]
        var head = Format.pad("code", codeWidth) + "  " + Format.pad("pair", pairWidth)
        for (title, width) in columns { head += Format.pad(title, width, right: true) }
        out.append(head)
        out.append(String(repeating: "-", count: head.count))
        if codes.isEmpty { out.append("(no codes)") }
        for code in codes {
            var first = true
            let name = Format.clip(code.code, codeWidth)
            if code.pairs.isEmpty {
                out.append(Format.pad(name, codeWidth) + "  (fewer than two coders)")
            }
            for pair in code.pairs {
                var line = Format.pad(first ? name : "", codeWidth) + "  "
                line += Format.pad(pair.coders.joined(separator: "/"), pairWidth)
                var kappa = Format.number(pair.kappa, 3)
                if pair.kappa == nil, let note = pair.note { kappa += footnotes.mark(note) }
                var interval = Format.interval(pair.kappaCi95)
                if pair.kappa != nil, pair.kappaCi95 == nil, let note = pair.note { interval += footnotes.mark(note) }
                let cells = [
                    "\(pair.n)", "\(pair.both)", "\(pair.onlyFirst)", "\(pair.onlySecond)", "\(pair.neither)",
                    Format.percent(pair.percentAgreement), kappa, interval,
                    Format.number(pair.pabak, 3), Format.number(pair.gwetAc1, 3),
                ]
                for (cell, column) in zip(cells, columns) { line += Format.pad(cell, column.1, right: true) }
                out.append(line)
                first = false
            }
            var all: [String] = []
            if coders.count > 2 || code.fleissKappa != nil {
                all.append("Fleiss κ " + Format.number(code.fleissKappa, 3) + footnotes.mark(code.fleissKappaNote, if: code.fleissKappa == nil))
            }
            all.append("α " + Format.number(code.krippendorffAlpha, 3) + footnotes.mark(code.krippendorffAlphaNote, if: code.krippendorffAlpha == nil))
            all.append("αU " + Format.number(code.unitizingAlpha, 3) + footnotes.mark(code.unitizingAlphaNote, if: code.unitizingAlpha == nil))
            out.append(Format.pad("", codeWidth) + "  all coders: " + all.joined(separator: " · "))
        }

        if !groups.isEmpty {
            out.append("")
            out.append("Exclusive groups")
            for group in groups {
                out.append("")
                out.append("\(group.group): categories \(group.categories.joined(separator: ", ")) · multi-coded units left out: \(group.multiCodedUnits)")
                if let note = group.note {
                    out.append("  " + note)
                    continue
                }
                for pair in group.pairs {
                    var kappa = Format.number(pair.kappa, 3)
                    if pair.kappa == nil, let note = pair.note { kappa += footnotes.mark(note) }
                    var interval = Format.interval(pair.kappaCi95)
                    if pair.kappa != nil, pair.kappaCi95 == nil, let note = pair.note { interval += footnotes.mark(note) }
                    out.append(
                        "  \(pair.coders.joined(separator: "/")): n \(pair.n) · kappa \(kappa) \(interval) · agree \(Format.percent(pair.percentAgreement)) · AC1 \(Format.number(pair.gwetAc1, 3))"
                    )
                    out.append(contentsOf: Format.matrix(pair.confusion, labels: group.categories, rows: pair.coders[0], columns: pair.coders[1]))
                }
                out.append(
                    "  all coders: Fleiss κ " + Format.number(group.fleissKappa, 3)
                        + footnotes.mark(group.fleissKappaNote, if: group.fleissKappa == nil) + " · α "
                        + Format.number(group.krippendorffAlpha, 3)
                        + footnotes.mark(group.krippendorffAlphaNote, if: group.krippendorffAlpha == nil))
            }
        }

        out.append("")
        out.append("Overall")
        out.append(
            "  pooled kappa " + Format.number(overall.pooledKappa, 3)
                + footnotes.mark(overall.pooledKappaNote, if: overall.pooledKappa == nil) + " · mean kappa "
                + Format.number(overall.meanKappa, 3) + footnotes.mark(overall.meanKappaNote, if: overall.meanKappa == nil)
                + " (of \(overall.meanKappaCount)) · agreement " + Format.percent(overall.percentAgreement) + " · α "
                + Format.number(overall.krippendorffAlpha, 3)
                + footnotes.mark(overall.krippendorffAlphaNote, if: overall.krippendorffAlpha == nil))
        for pair in overall.pairs where overall.pairs.count > 1 {
            out.append(
                "  \(pair.coders.joined(separator: "/")): pooled kappa \(Format.number(pair.kappa, 3)) \(Format.interval(pair.kappaCi95)) · agreement \(Format.percent(pair.percentAgreement)) · n \(pair.n)"
            )
        }
        if !footnotes.notes.isEmpty {
            out.append("")
            for (i, note) in footnotes.notes.enumerated() { out.append("[\(i + 1)] \(note)") }
        }
        if !notes.isEmpty {
            out.append("")
            for note in notes { out.append("· " + note) }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// Numbered notes for empty cells, each distinct note printed once.
private struct Footnotes {
    var notes: [String] = []

    mutating func mark(_ note: String) -> String {
        if let i = notes.firstIndex(of: note) { return "[\(i + 1)]" }
        notes.append(note)
        return "[\(notes.count)]"
    }

    mutating func mark(_ note: String?, if condition: Bool) -> String {
        guard condition, let note else { return "" }
        return mark(note)
    }
}

/// Fixed-width formatting without Foundation.
enum Format {
    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let n = s.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }

    static func clip(_ s: String, _ width: Int) -> String {
        s.count <= width ? s : String(s.prefix(width - 1)) + "…"
    }

    /// `x` with `digits` decimals, "—" for nil.
    static func number(_ x: Double?, _ digits: Int) -> String {
        guard let x, x.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let negative = x < 0 && scaled > 0
        guard scaled < 9.0e15 else { return "\(x)" }
        let whole = Int(scaled) / Int(scale)
        var fraction = String(Int(scaled) % Int(scale))
        while fraction.count < digits { fraction = "0" + fraction }
        return (negative ? "-" : "") + "\(whole)" + (digits > 0 ? "." + fraction : "")
    }

    static func percent(_ x: Double?) -> String {
        guard let x else { return "—" }
        return number(x, 1) + "%"
    }

    static func interval(_ ci: [Double]?) -> String {
        guard let ci, ci.count == 2 else { return "—" }
        return "[" + number(ci[0], 3) + ", " + number(ci[1], 3) + "]"
    }

    static func matrix(_ m: [[Int]], labels: [String], rows: String, columns: String) -> [String] {
        guard !m.isEmpty else { return [] }
        let short = labels.map { label -> String in
            let last = label.split(separator: "/").last.map(String.init) ?? label
            return clip(last, 14)
        }
        let labelWidth = max(short.map(\.count).max() ?? 1, 1)
        let cellWidth = max(6, (short.map(\.count).max() ?? 1) + 1, (m.flatMap { $0 }.map { "\($0)".count }.max() ?? 1) + 1)
        var lines = ["    rows \(rows), columns \(columns):"]
        var head = "    " + pad("", labelWidth)
        for s in short { head += pad(s, cellWidth, right: true) }
        lines.append(head)
        for (i, row) in m.enumerated() {
            var line = "    " + pad(short[i], labelWidth)
            for x in row { line += pad("\(x)", cellWidth, right: true) }
            lines.append(line)
        }
        return lines
    }
}
