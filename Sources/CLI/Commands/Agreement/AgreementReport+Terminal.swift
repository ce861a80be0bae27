import Agreement

extension AgreementReport {
    /// The report with every name that came from events (code paths, coder
    /// and category names) and every note escaped for a terminal, so the
    /// readable table cannot carry a control character or a forged line.
    func escapedForTerminal() -> AgreementReport {
        func e(_ s: String) -> String { TerminalText.escaped(s) }
        var report = self
        report.coders = coders.map(e)
        report.notes = notes.map(e)
        report.codes = codes.map { code in
            var code = code
            code.code = e(code.code)
            code.fleissKappaNote = code.fleissKappaNote.map(e)
            code.krippendorffAlphaNote = code.krippendorffAlphaNote.map(e)
            code.unitizingAlphaNote = code.unitizingAlphaNote.map(e)
            code.pairs = code.pairs.map { pair in
                var pair = pair
                pair.coders = pair.coders.map(e)
                pair.note = pair.note.map(e)
                return pair
            }
            return code
        }
        report.groups = groups.map { group in
            var group = group
            group.group = e(group.group)
            group.categories = group.categories.map(e)
            group.coders = group.coders.map(e)
            group.note = group.note.map(e)
            group.fleissKappaNote = group.fleissKappaNote.map(e)
            group.krippendorffAlphaNote = group.krippendorffAlphaNote.map(e)
            group.pairs = group.pairs.map { pair in
                var pair = pair
                pair.coders = pair.coders.map(e)
                pair.note = pair.note.map(e)
                return pair
            }
            return group
        }
        report.overall.pairs = overall.pairs.map { pair in
            var pair = pair
            pair.coders = pair.coders.map(e)
            return pair
        }
        report.overall.pooledKappaNote = overall.pooledKappaNote.map(e)
        report.overall.meanKappaNote = overall.meanKappaNote.map(e)
        report.overall.krippendorffAlphaNote = overall.krippendorffAlphaNote.map(e)
        return report
    }
}
