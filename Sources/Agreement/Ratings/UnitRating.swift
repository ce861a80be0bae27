/// One unit and what each compared coder applied there: the rows behind the kappa tables,
/// for listing disagreements and settling the units where every coder agrees.
public struct UnitRating: Sendable, Hashable {
    /// Document id.
    public var document: String
    /// Half-open Unicode scalar offsets of the unit in its document.
    public var start: Int
    public var end: Int
    /// Coder name → ids of the compared codes the coder rated present on the unit. Every coder
    /// of the input appears, with an empty set where they applied none.
    public var codes: [String: Set<String>]
    /// Whether every coder's set is the same (possibly empty for some schemes; see
    /// ``computeUnitRatings(_:unit:)``).
    public var agreed: Bool

    public init(document: String, start: Int, end: Int, codes: [String: Set<String>], agreed: Bool) {
        self.document = document
        self.start = start
        self.end = end
        self.codes = codes
        self.agreed = agreed
    }
}

/// Every unit that at least one compared coder coded with a compared code, with each coder's
/// codes there, ordered by the input's document order and then by position (start, then end).
/// Units nobody coded are not listed. The ratings are exactly those the kappa tables of
/// ``computeAgreement(_:unit:)`` count:
///
/// - `document`, `paragraph`, `sentence`: one entry per unit (a document is `[0, length)`);
///   a coder rates code C present when one of their C codings overlaps the unit.
/// - `character`: one entry per maximal run of consecutive characters of one document over
///   which every coder's set of codes stays the same (a coder rates C present on a character
///   one of their C codings covers), instead of one entry per character.
/// - `segment`: the units are per code. Each code's segments are matched as the segment pair
///   tables match them (each coder's overlapping segments merged; pairwise one-to-one matching
///   at the overlap threshold, best overlap first): a set of segments, one per coder, all
///   matched with one another is one agreeing unit spanning from their earliest start to their
///   latest end, where every coder's set is `[C]`; every other segment is a unit of its own,
///   where its coder and each coder with a segment matched to it have `[C]` and the rest `[]`
///   (so it disagrees unless, with three or more coders, everyone matched it without the
///   matches lining up). With two coders: one unit per matched pair, one per unmatched segment.
///   Units of different codes at the same place are listed separately, in code order.
///
/// `agreed` is true when every coder's set is identical. A reference (consensus) in the input
/// is not a coder and is not listed.
public func computeUnitRatings(_ input: AgreementInput, unit: UnitScheme) -> [UnitRating] {
    let prepared = PreparedInput(input)
    switch unit {
    case .document, .paragraph, .sentence:
        return RatingsBuilder.ranged(CoverageBuilder.build(prepared, scheme: unit))
    case .character:
        return RatingsBuilder.characters(prepared)
    case .segment(let overlapPercent):
        return RatingsBuilder.segments(prepared, overlapPercent: overlapPercent)
    }
}

/// ``computeUnitRatings(_:unit:)`` from an ``AgreementCoverage`` (document, paragraph or
/// sentence units): the same list as on the documents and codings it was built from.
public func computeUnitRatings(coverage: AgreementCoverage) -> [UnitRating] {
    RatingsBuilder.ranged(coverage)
}
