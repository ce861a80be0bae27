/// One decision of a reference rater (the consensus): on the half-open Unicode scalar range
/// `[start, end)` of `document` (a document id), the codes that apply are `codes` (code ids;
/// empty when the decision is "no code applies").
public struct ReferenceDecision: Sendable, Hashable {
    public var document: String
    public var start: Int
    public var end: Int
    public var codes: Set<String>

    public init(document: String, start: Int, end: Int, codes: Set<String>) {
        self.document = document
        self.start = start
        self.end = end
        self.codes = codes
    }
}

/// A reference rater every coder is compared against, usually the consensus a lead decided.
///
/// Rules (the same for the report and for ``AgreementCoverage``):
/// - The reference has *rated* a unit when one decision's span covers the unit entirely
///   (decision start ≤ unit start and unit end ≤ decision end, after clipping the decision to
///   its document). For the character scheme every character a decision covers is rated.
/// - It rates code C *present* on a rated unit when a decision covering it lists C, and
///   absent otherwise (a decision with no codes says "no code applies").
/// - Units no decision covers are *missing* for the reference: they are left out of every
///   statistic (and counted in a note), since a coder cannot agree or disagree with a decision
///   not yet made.
/// - Segment scheme: the reference's segments of C are the spans of the decisions that list C
///   (merged where they overlap, as any coder's); a coder's segment is compared when one
///   decision's span covers it entirely and left out otherwise.
///
/// Decisions naming an unknown document, or empty after clipping, are ignored (and counted).
public struct AgreementReference: Sendable, Hashable {
    /// The reference's name in the report's pairs, e.g. `["alice", "consensus"]`.
    public var name: String
    public var decisions: [ReferenceDecision]

    public init(name: String = "consensus", decisions: [ReferenceDecision]) {
        self.name = name
        self.decisions = decisions
    }
}
