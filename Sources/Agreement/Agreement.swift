/// Inter-coder agreement for accord (DESIGN §6): pure statistics over documents, coders,
/// codes and codings, with no I/O and no dependencies beyond the standard library.
///
/// Per code and coder pair, a code's presence in each unit is a binary rating; the report
/// gives the 2×2 table, percent agreement, Cohen's kappa with its Fleiss–Cohen–Everitt
/// standard error and 95% interval, PABAK, Brennan–Prediger and Gwet's AC1; across coders
/// Fleiss' kappa and Krippendorff's alpha; the pooled and mean kappas and an overall alpha;
/// the same for each exclusive group as one nominal variable; and Krippendorff's unitizing
/// alpha on the raw character spans.
///
/// The statistics are public on plain data too: ``Cohen``, ``PABAK``, ``BrennanPrediger``,
/// ``Gwet``, ``Fleiss``, ``Krippendorff``, ``UnitizingAlpha``; and the units: ``Paragraphs``,
/// ``Sentences``, ``CharacterSweep``, ``Segments``, ``Intervals``.
public func computeAgreement(_ input: AgreementInput, unit: UnitScheme) -> AgreementReport {
    let prepared = PreparedInput(input)
    var notes = ReportNotes.general(scheme: unit)
    if prepared.ignored > 0 {
        notes.append(
            "\(prepared.ignored) coding(s) ignored: unknown coder, document or code, or an empty span after clipping to the document"
        )
    }
    switch unit {
    case .segment(let overlapPercent):
        let (codes, overall, units) = SegmentBuilder.report(prepared, overlapPercent: overlapPercent)
        return AgreementReport(
            unit: unit.name, overlapPercent: overlapPercent, coders: prepared.coders,
            documents: prepared.documents.count, units: units, codes: codes,
            groups: GroupBuilder.unavailable(prepared, note: SegmentBuilder.notForSegments), overall: overall,
            notes: notes)
    case .document, .paragraph, .sentence, .character:
        let builder = PresenceBuilder(input: prepared, scheme: unit)
        let (codes, overall) = builder.report()
        return AgreementReport(
            unit: unit.name, overlapPercent: nil, coders: prepared.coders, documents: prepared.documents.count,
            units: builder.space.size, codes: codes, groups: GroupBuilder.build(builder), overall: overall,
            notes: notes)
    }
}
