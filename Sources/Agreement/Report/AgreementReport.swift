/// The result of ``computeAgreement(_:unit:)``: exactly the `accord agreement --json` document
/// of DESIGN §8, with a few extra fields. Undefined values encode as JSON `null` (never NaN,
/// never a missing key), each with a note saying why.
///
/// Conventions (also in `notes`):
/// - `percent_agreement` is a percentage, 0–100.
/// - In a pair, rows / `first` are `coders[0]`, columns / `second` are `coders[1]`.
/// - `n`, `both`, … count units: documents, paragraphs, sentences, characters (Unicode
///   scalars) or segments, depending on `unit`.
public struct AgreementReport: Codable, Sendable, Hashable {
    /// `document`, `paragraph`, `sentence`, `character` or `segment`.
    public var unit: String
    /// The segment overlap threshold in percent (segment scheme only, else null).
    public var overlapPercent: Double?
    public var coders: [String]
    /// Number of documents compared.
    public var documents: Int
    /// Number of units compared: documents, paragraphs, sentences or characters (against a
    /// reference: only those the reference rated). Segment scheme: the segment units of
    /// every code, counted as ``computeUnitRatings(_:unit:)`` lists them — a set of matched
    /// segments (one per coder) once, every other segment once — which with two coders is
    /// both + only_first + only_second summed over codes, the overall pair's `n`.
    public var units: Int
    public var codes: [CodeAgreement]
    public var groups: [GroupAgreement]
    public var overall: OverallAgreement
    /// Definitions and caveats a reader of the numbers needs.
    public var notes: [String]
    /// The reference rater every coder was compared against (e.g. `consensus`), else null.
    public var reference: String?

    enum CodingKeys: String, CodingKey {
        case unit, coders, documents, units, codes, groups, overall, notes, reference
        case overlapPercent = "overlap_percent"
    }

    public init(
        unit: String, overlapPercent: Double?, coders: [String], documents: Int, units: Int,
        codes: [CodeAgreement], groups: [GroupAgreement], overall: OverallAgreement, notes: [String],
        reference: String? = nil
    ) {
        self.unit = unit
        self.overlapPercent = overlapPercent
        self.coders = coders
        self.documents = documents
        self.units = units
        self.codes = codes
        self.groups = groups
        self.overall = overall
        self.notes = notes
        self.reference = reference
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(unit, forKey: .unit)
        try c.encode(overlapPercent, forKey: .overlapPercent)
        try c.encode(coders, forKey: .coders)
        try c.encode(documents, forKey: .documents)
        try c.encode(units, forKey: .units)
        try c.encode(codes, forKey: .codes)
        try c.encode(groups, forKey: .groups)
        try c.encode(overall, forKey: .overall)
        try c.encode(notes, forKey: .notes)
        try c.encode(reference, forKey: .reference)
    }
}
