/// An exclusive code's children as the categories of one nominal variable.
public struct GroupAgreement: Codable, Sendable, Hashable {
    /// Path of the exclusive parent code.
    public var group: String
    /// Paths of the categories, in the order of the confusion matrices.
    public var categories: [String]
    public var coders: [String]
    public var pairs: [GroupPairAgreement]
    /// Over units every coder rated (statsmodels `fleiss_kappa(aggregate_raters(...))`).
    public var fleissKappa: Double?
    public var fleissKappaNote: String?
    /// Over all units, missing ratings allowed.
    public var krippendorffAlpha: Double?
    public var krippendorffAlphaNote: String?
    /// Units left out because some coder applied two or more categories there.
    public var multiCodedUnits: Int
    /// Where those units are (stretches of characters for the character scheme).
    public var multiCoded: [MultiCodedUnit]
    /// Why the whole group could not be analysed (segment scheme), else null.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case group, categories, coders, pairs, note
        case fleissKappa = "fleiss_kappa"
        case fleissKappaNote = "fleiss_kappa_note"
        case krippendorffAlpha = "krippendorff_alpha"
        case krippendorffAlphaNote = "krippendorff_alpha_note"
        case multiCodedUnits = "multi_coded_units"
        case multiCoded = "multi_coded"
    }

    public init(
        group: String, categories: [String], coders: [String], pairs: [GroupPairAgreement],
        fleissKappa: Estimate, krippendorffAlpha: Estimate, multiCodedUnits: Int,
        multiCoded: [MultiCodedUnit], note: String?
    ) {
        self.group = group
        self.categories = categories
        self.coders = coders
        self.pairs = pairs
        self.fleissKappa = fleissKappa.value
        self.fleissKappaNote = fleissKappa.note
        self.krippendorffAlpha = krippendorffAlpha.value
        self.krippendorffAlphaNote = krippendorffAlpha.note
        self.multiCodedUnits = multiCodedUnits
        self.multiCoded = multiCoded
        self.note = note
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(group, forKey: .group)
        try c.encode(categories, forKey: .categories)
        try c.encode(coders, forKey: .coders)
        try c.encode(pairs, forKey: .pairs)
        try c.encode(fleissKappa, forKey: .fleissKappa)
        try c.encode(fleissKappaNote, forKey: .fleissKappaNote)
        try c.encode(krippendorffAlpha, forKey: .krippendorffAlpha)
        try c.encode(krippendorffAlphaNote, forKey: .krippendorffAlphaNote)
        try c.encode(multiCodedUnits, forKey: .multiCodedUnits)
        try c.encode(multiCoded, forKey: .multiCoded)
        try c.encode(note, forKey: .note)
    }
}

/// Two coders on an exclusive group, over the units both rated.
public struct GroupPairAgreement: Codable, Sendable, Hashable {
    public var coders: [String]
    /// Units both coders rated (and nobody multi-coded).
    public var n: Int
    public var kappa: Double?
    public var kappaSe: Double?
    public var kappaCi95: [Double]?
    public var percentAgreement: Double?
    /// q = number of categories.
    public var brennanPrediger: Double?
    public var gwetAc1: Double?
    /// Rows: first coder, columns: second coder, categories in `categories` order.
    public var confusion: [[Int]]
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case coders, n, kappa, confusion, note
        case kappaSe = "kappa_se"
        case kappaCi95 = "kappa_ci95"
        case percentAgreement = "percent_agreement"
        case brennanPrediger = "brennan_prediger"
        case gwetAc1 = "gwet_ac1"
    }

    public init(
        coders: [String], n: Int, kappa: Double?, kappaSe: Double?, kappaCi95: [Double]?,
        percentAgreement: Double?, brennanPrediger: Double?, gwetAc1: Double?, confusion: [[Int]], note: String?
    ) {
        self.coders = coders
        self.n = n
        self.kappa = kappa
        self.kappaSe = kappaSe
        self.kappaCi95 = kappaCi95
        self.percentAgreement = percentAgreement
        self.brennanPrediger = brennanPrediger
        self.gwetAc1 = gwetAc1
        self.confusion = confusion
        self.note = note
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(coders, forKey: .coders)
        try c.encode(n, forKey: .n)
        try c.encode(kappa, forKey: .kappa)
        try c.encode(kappaSe, forKey: .kappaSe)
        try c.encode(kappaCi95, forKey: .kappaCi95)
        try c.encode(percentAgreement, forKey: .percentAgreement)
        try c.encode(brennanPrediger, forKey: .brennanPrediger)
        try c.encode(gwetAc1, forKey: .gwetAc1)
        try c.encode(confusion, forKey: .confusion)
        try c.encode(note, forKey: .note)
    }
}

/// A unit (or, for the character scheme, a stretch of characters) where some coder applied
/// two or more categories of an exclusive group.
public struct MultiCodedUnit: Codable, Sendable, Hashable {
    /// Document id.
    public var document: String
    public var start: Int
    public var end: Int
    /// The coders who applied two or more categories there.
    public var coders: [String]

    public init(document: String, start: Int, end: Int, coders: [String]) {
        self.document = document
        self.start = start
        self.end = end
        self.coders = coders
    }
}
