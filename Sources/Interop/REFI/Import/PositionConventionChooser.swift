/// Chooses, once per file, how its exporter counted positions.
///
/// 1. An explicit `REFIReadOptions.positionConvention` wins.
/// 2. Where the texts have no `\r\n` (and no character outside the BMP), every
///    convention gives the same offsets and the choice does not matter.
/// 3. Otherwise each candidate convention is tried on the file's selections.
///    A convention that puts a selection outside its text is out. Of the rest,
///    the one under which most selection boundaries fall between words (not
///    inside a word) wins: people select words and sentences, and a miscounted
///    CRLF shifts every later boundary by one character per line, into words.
/// 4. A tie goes to the exporter's known habit by `origin` — ATLAS.ti counts
///    `\r\n` as one character — and otherwise to the literal reading
///    (`\r\n` as two, Unicode scalars), which is what the file itself holds.
enum PositionConventionChooser {
    struct Text {
        var raw: String
        var selections: [(start: Int, end: Int)]
    }

    /// Selections per text that are looked at (enough to decide, bounded for huge projects).
    static let sampleLimit = 5_000

    struct Choice {
        var convention: PositionConvention
        var reason: String
    }

    /// The exporter's habit, from the `origin` attribute.
    static func prior(origin: String?) -> (PositionConvention, String?) {
        if let origin, origin.lowercased().contains("atlas") {
            return (.crlfAsOne, "origin `\(origin)` (ATLAS.ti counts CRLF as one character)")
        }
        return (.literal, nil)
    }

    static func choose(origin: String?, texts: [Text], explicit: PositionConvention?) -> Choice {
        if let explicit { return Choice(convention: explicit, reason: "chosen by the caller") }
        let (prior, priorReason) = prior(origin: origin)
        let hasCRLF = texts.contains { $0.raw.unicodeScalars.contains("\r") }
        let hasAstral = texts.contains { $0.raw.unicodeScalars.contains { $0.value > 0xFFFF } }
        let lineBreaks = hasCRLF ? PositionConvention.LineBreaks.allCases : [prior.lineBreaks]
        let units = hasAstral ? PositionConvention.Unit.allCases : [prior.unit]
        let candidates = lineBreaks.flatMap { l in units.map { PositionConvention(lineBreaks: l, unit: $0) } }
        guard candidates.count > 1 else {
            return Choice(convention: prior, reason: priorReason
                          ?? "no source has CRLF line ends or characters outside the BMP, so the counting makes no difference")
        }
        let evidence = texts.filter { !$0.selections.isEmpty && ($0.raw.contains("\r") || $0.raw.unicodeScalars.contains { $0.value > 0xFFFF }) }
        let boundaries = evidence.reduce(0) { $0 + 2 * min($1.selections.count, sampleLimit) }
        guard boundaries > 0 else {
            return Choice(convention: prior, reason: priorReason ?? "no selection in a text where the counting matters; read literally")
        }
        var scores: [(PositionConvention, Int)] = []
        for candidate in candidates {
            if let score = score(candidate, evidence) { scores.append((candidate, score)) }
        }
        guard let best = scores.map(\.1).max() else {
            return Choice(convention: prior, reason: (priorReason ?? "read literally") + "; no counting keeps every selection inside its text")
        }
        let winners = scores.filter { $0.1 == best }.map(\.0)
        let chosen = winners.contains(prior) ? prior : winners.contains(.literal) ? .literal : winners[0]
        let table = scores.map { "\($0.1) of \(boundaries) with \($0.0)" }.joined(separator: "; ")
        let why = winners.count > 1
            ? " (a tie, settled by " + (priorReason ?? "reading the file literally") + ")"
            : (chosen == prior ? priorReason.map { " (consistent with \($0))" } ?? "" : "")
        return Choice(convention: chosen, reason: "selection boundaries between words: \(table)\(why)")
    }

    /// Boundaries that fall between words, or nil when a selection leaves its text.
    private static func score(_ convention: PositionConvention, _ texts: [Text]) -> Int? {
        var total = 0
        for text in texts {
            let map = PositionMap(raw: text.raw, convention: convention)
            let scalars = Array(map.text.unicodeScalars)
            func clean(_ p: Int) -> Bool {
                p == 0 || p == scalars.count || !(isWord(scalars[p - 1]) && isWord(scalars[p]))
            }
            for selection in text.selections.prefix(sampleLimit) {
                guard let s = map.start(selection.start), let e = map.end(selection.end) else { return nil }
                total += (clean(s) ? 1 : 0) + (clean(e) ? 1 : 0)
            }
        }
        return total
    }

    private static func isWord(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }
}
