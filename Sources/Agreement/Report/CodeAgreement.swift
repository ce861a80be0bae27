/// Agreement on one code: its presence in each unit is a binary rating per coder.
public struct CodeAgreement: Codable, Sendable, Hashable {
    /// The code's path.
    public var code: String
    public var id: String
    /// Units each coder rated "present", in `coders` order (against a reference: among the
    /// units the reference rated).
    public var present: [Int]
    /// One entry per coder pair (i < j in `coders` order), or against a reference one per
    /// coder: `[coder, reference]`.
    public var pairs: [PairAgreement]
    /// Fleiss (1971) over all coders; null with `fleiss_kappa_note` when undefined.
    public var fleissKappa: Double?
    public var fleissKappaNote: String?
    /// Krippendorff's nominal alpha over all coders.
    public var krippendorffAlpha: Double?
    public var krippendorffAlphaNote: String?
    /// Gwet's AC1 over all coders (irrCAC `gwet()`).
    public var gwetAc1: Double?
    /// Brennan–Prediger over all coders (irrCAC `bp()`), q = 2.
    public var brennanPrediger: Double?
    /// Krippendorff's unitizing alpha on the coders' character spans, whatever `unit` is (see
    /// ``UnitizingAlpha``: DKPro Statistics' formula over all documents, gaps ending at
    /// document boundaries).
    public var unitizingAlpha: Double?
    public var unitizingAlphaNote: String?
    /// Against a reference: units the reference rated present (null otherwise).
    public var referencePresent: Int?

    enum CodingKeys: String, CodingKey {
        case code, id, present, pairs
        case fleissKappa = "fleiss_kappa"
        case fleissKappaNote = "fleiss_kappa_note"
        case krippendorffAlpha = "krippendorff_alpha"
        case krippendorffAlphaNote = "krippendorff_alpha_note"
        case gwetAc1 = "gwet_ac1"
        case brennanPrediger = "brennan_prediger"
        case unitizingAlpha = "unitizing_alpha"
        case unitizingAlphaNote = "unitizing_alpha_note"
        case referencePresent = "reference_present"
    }

    public init(
        code: String, id: String, present: [Int], pairs: [PairAgreement], fleissKappa: Estimate,
        krippendorffAlpha: Estimate, gwetAc1: Double?, brennanPrediger: Double?, unitizingAlpha: Estimate,
        referencePresent: Int? = nil
    ) {
        self.code = code
        self.id = id
        self.present = present
        self.pairs = pairs
        self.fleissKappa = fleissKappa.value
        self.fleissKappaNote = fleissKappa.note
        self.krippendorffAlpha = krippendorffAlpha.value
        self.krippendorffAlphaNote = krippendorffAlpha.note
        self.gwetAc1 = gwetAc1
        self.brennanPrediger = brennanPrediger
        self.unitizingAlpha = unitizingAlpha.value
        self.unitizingAlphaNote = unitizingAlpha.note
        self.referencePresent = referencePresent
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(id, forKey: .id)
        try c.encode(present, forKey: .present)
        try c.encode(pairs, forKey: .pairs)
        try c.encode(fleissKappa, forKey: .fleissKappa)
        try c.encode(fleissKappaNote, forKey: .fleissKappaNote)
        try c.encode(krippendorffAlpha, forKey: .krippendorffAlpha)
        try c.encode(krippendorffAlphaNote, forKey: .krippendorffAlphaNote)
        try c.encode(gwetAc1, forKey: .gwetAc1)
        try c.encode(brennanPrediger, forKey: .brennanPrediger)
        try c.encode(unitizingAlpha, forKey: .unitizingAlpha)
        try c.encode(unitizingAlphaNote, forKey: .unitizingAlphaNote)
        try c.encode(referencePresent, forKey: .referencePresent)
    }
}

/// Two coders on one code: the 2×2 table and the coefficients computed from it.
public struct PairAgreement: Codable, Sendable, Hashable {
    public var coders: [String]
    public var n: Int
    public var both: Int
    public var onlyFirst: Int
    public var onlySecond: Int
    public var neither: Int
    /// (both + neither) / n × 100.
    public var percentAgreement: Double?
    /// Cohen's kappa (segment scheme: Brennan–Prediger with chance 1/K; see `kappa_method`).
    public var kappa: Double?
    /// Fleiss, Cohen & Everitt (1969) SE under the alternative.
    public var kappaSe: Double?
    /// `[lower, upper]` = kappa ± 1.959963984540054 · SE.
    public var kappaCi95: [Double]?
    /// 2·po − 1.
    public var pabak: Double?
    /// Brennan–Prediger with q = 2.
    public var brennanPrediger: Double?
    public var gwetAc1: Double?
    /// `cohen` or `brennan_prediger` (segment scheme).
    public var kappaMethod: String
    /// Why kappa (or its SE) is null, or how to read it; null when there is nothing to say.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case coders, n, both, neither, pabak, note
        case onlyFirst = "only_first"
        case onlySecond = "only_second"
        case percentAgreement = "percent_agreement"
        case kappa
        case kappaSe = "kappa_se"
        case kappaCi95 = "kappa_ci95"
        case brennanPrediger = "brennan_prediger"
        case gwetAc1 = "gwet_ac1"
        case kappaMethod = "kappa_method"
    }

    public init(
        coders: [String], table: TwoByTwo, percentAgreement: Double?, kappa: Double?, kappaSe: Double?,
        kappaCi95: [Double]?, pabak: Double?, brennanPrediger: Double?, gwetAc1: Double?,
        kappaMethod: String, note: String?
    ) {
        self.coders = coders
        self.n = table.n
        self.both = table.both
        self.onlyFirst = table.onlyFirst
        self.onlySecond = table.onlySecond
        self.neither = table.neither
        self.percentAgreement = percentAgreement
        self.kappa = kappa
        self.kappaSe = kappaSe
        self.kappaCi95 = kappaCi95
        self.pabak = pabak
        self.brennanPrediger = brennanPrediger
        self.gwetAc1 = gwetAc1
        self.kappaMethod = kappaMethod
        self.note = note
    }

    public var table: TwoByTwo {
        TwoByTwo(both: both, onlyFirst: onlyFirst, onlySecond: onlySecond, neither: neither)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(coders, forKey: .coders)
        try c.encode(n, forKey: .n)
        try c.encode(both, forKey: .both)
        try c.encode(onlyFirst, forKey: .onlyFirst)
        try c.encode(onlySecond, forKey: .onlySecond)
        try c.encode(neither, forKey: .neither)
        try c.encode(percentAgreement, forKey: .percentAgreement)
        try c.encode(kappa, forKey: .kappa)
        try c.encode(kappaSe, forKey: .kappaSe)
        try c.encode(kappaCi95, forKey: .kappaCi95)
        try c.encode(pabak, forKey: .pabak)
        try c.encode(brennanPrediger, forKey: .brennanPrediger)
        try c.encode(gwetAc1, forKey: .gwetAc1)
        try c.encode(kappaMethod, forKey: .kappaMethod)
        try c.encode(note, forKey: .note)
    }
}
