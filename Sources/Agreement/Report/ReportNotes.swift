/// The report's `notes`: what the numbers mean, so a reader of the JSON alone can interpret them.
enum ReportNotes {
    static func general(scheme: UnitScheme) -> [String] {
        var notes: [String] = []
        switch scheme {
        case .document:
            notes.append("unit = document: a coder rates a code present in a document when they coded it anywhere in it")
        case .paragraph:
            notes.append(
                "unit = paragraph (text split at blank lines, trimmed): a coder rates a code present in a paragraph when one of their codings of it overlaps the paragraph")
        case .sentence:
            notes.append(
                "unit = sentence (rule-based splitter inside paragraphs): a coder rates a code present in a sentence when one of their codings of it overlaps the sentence")
        case .character:
            notes.append(
                "unit = character (Unicode scalar): a coder rates a code present on a character when one of their codings of it covers it")
        case .segment(let overlap):
            notes.append(
                "unit = segment (MAXQDA style): a segment matches when the other coder has the same code on a segment overlapping it by at least \(overlap)% (overlap = shared characters / characters covered by either segment); matched pairs count once in both, unmatched segments in only_first / only_second, neither is 0")
            notes.append(
                "segment scheme: kappa is Brennan–Prediger with chance agreement 1/K for the K codes compared (as MAXQDA); Fleiss' kappa, Krippendorff's alpha and exclusive groups are not defined")
        }
        notes.append("percent_agreement is a percentage (0–100)")
        notes.append(
            "kappa_se is the large-sample standard error of Fleiss, Cohen & Everitt (1969); kappa_ci95 = kappa ± 1.959963984540054 × kappa_se")
        notes.append(
            "fleiss_kappa uses only units every coder rated (as statsmodels); krippendorff_alpha is nominal and allows missing ratings")
        notes.append(
            "overall.pooled_kappa is the mean over coder pairs of the kappa of each pair's table summed over all codes (with two coders: that table's kappa); overall.percent_agreement likewise; overall.mean_kappa is the mean of the defined per-code, per-pair kappas, nulls ignored")
        notes.append(
            "unitizing_alpha is Krippendorff's (1995, 2004) alpha-U on each coder's character spans of the code, by DKPro Statistics' formula (KrippendorffAlphaUnitizingAgreement) over all compared documents, a coder's gaps ending at document boundaries; a coder's overlapping spans of one code are merged")
        return notes
    }

    /// The general notes, then what was ignored and, against a reference, what was left out.
    static func make(
        scheme: UnitScheme, ignored: Int, reference: String?, ignoredDecisions: Int, undecided: Int, of total: Int,
        undecidedWhat: String = "unit(s)"
    ) -> [String] {
        var notes = general(scheme: scheme)
        if ignored > 0 {
            notes.append(
                "\(ignored) coding(s) ignored: unknown coder, document or code, or an empty span after clipping to the document")
        }
        if let reference {
            notes.append(
                "each coder is compared against the reference `\(reference)` on the units it rated: a unit is rated when one decision's span covers it entirely, and the reference rates a code present there when a covering decision lists it; fleiss_kappa, krippendorff_alpha, gwet_ac1 and brennan_prediger count the reference as one more rater, on those units")
            notes.append(
                "\(undecided) of \(total) \(undecidedWhat) left out as undecided: no decision of `\(reference)` covers them")
            if ignoredDecisions > 0 {
                notes.append("\(ignoredDecisions) decision(s) of `\(reference)` ignored: unknown document, or an empty span after clipping to the document")
            }
        }
        return notes
    }
}
