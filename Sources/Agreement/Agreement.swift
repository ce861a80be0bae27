/// Inter-coder agreement for accord (DESIGN §6): pure statistics over documents, coders,
/// codes and codings, with no I/O and no dependencies beyond the standard library.
///
/// Per code and coder pair, a code's presence in each unit is a binary rating; the report
/// gives the 2×2 table, percent agreement, Cohen's kappa with its Fleiss–Cohen–Everitt
/// standard error and 95% interval, PABAK, Brennan–Prediger and Gwet's AC1; across coders
/// Fleiss' kappa and Krippendorff's alpha; the pooled and mean kappas and an overall alpha;
/// the same for each exclusive group as one nominal variable; and Krippendorff's unitizing
/// alpha on the raw character spans. With a reference rater (``AgreementReference``, the
/// consensus) each coder is compared against it instead.
///
/// Entry points: ``computeAgreement(_:unit:)`` on documents and codings;
/// ``computeAgreement(coverage:)`` on the cacheable ``AgreementCoverage`` (same report, byte
/// for byte, for the document, paragraph and sentence schemes); ``computeUnitRatings(_:unit:)``
/// and ``computeUnitRatings(coverage:)`` for the unit-by-unit ratings behind the statistics.
///
/// The statistics are public on plain data too: ``Cohen``, ``PABAK``, ``BrennanPrediger``,
/// ``Gwet``, ``Fleiss``, ``Krippendorff``, ``UnitizingAlpha``; and the units: ``Paragraphs``,
/// ``Sentences``, ``CharacterSweep``, ``Segments``, ``Intervals``.
public func computeAgreement(_ input: AgreementInput, unit: UnitScheme) -> AgreementReport {
    let prepared = PreparedInput(input)
    switch unit {
    case .segment(let overlapPercent):
        let result = SegmentBuilder.report(prepared, overlapPercent: overlapPercent)
        let notes = ReportNotes.make(
            scheme: unit, ignored: prepared.ignored, reference: prepared.reference?.name,
            ignoredDecisions: prepared.reference?.ignored ?? 0, undecided: result.undecided, of: result.coderSegments,
            undecidedWhat: "coder segment(s)")
        return AgreementReport(
            unit: unit.name, overlapPercent: overlapPercent, coders: prepared.coders,
            documents: prepared.documents.count, units: result.units, codes: result.codes,
            groups: GroupBuilder.unavailable(prepared, note: SegmentBuilder.notForSegments), overall: result.overall,
            notes: notes, reference: prepared.reference?.name)
    case .character:
        let builder = PresenceBuilder(input: prepared)
        let (codes, overall) = builder.report()
        let notes = ReportNotes.make(
            scheme: unit, ignored: prepared.ignored, reference: prepared.reference?.name,
            ignoredDecisions: prepared.reference?.ignored ?? 0, undecided: builder.space.size - builder.units,
            of: builder.space.size)
        return AgreementReport(
            unit: unit.name, overlapPercent: nil, coders: prepared.coders, documents: prepared.documents.count,
            units: builder.units, codes: codes, groups: GroupBuilder.build(builder), overall: overall,
            notes: notes, reference: prepared.reference?.name)
    case .document, .paragraph, .sentence:
        return CoverageReport.report(CoverageBuilder.build(prepared, scheme: unit))
    }
}

/// The report of ``computeAgreement(_:unit:)`` from an ``AgreementCoverage`` (document,
/// paragraph or sentence units): identical, byte for byte once encoded, to the report on the
/// documents and codings the coverage was built from, without reading text or codings.
public func computeAgreement(coverage: AgreementCoverage) -> AgreementReport {
    CoverageReport.report(coverage)
}
