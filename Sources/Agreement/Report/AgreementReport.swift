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
    /// Number of units: documents, paragraphs, sentences, characters, or (segment scheme)
    /// coded segments of all coders and codes.
    public var units: Int
    public var codes: [CodeAgreement]
    public var groups: [GroupAgreement]
    public var overall: OverallAgreement
    /// Definitions and caveats a reader of the numbers needs.
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case unit, coders, documents, units, codes, groups, overall, notes
        case overlapPercent = "overlap_percent"
    }

    public init(
        unit: String, overlapPercent: Double?, coders: [String], documents: Int, units: Int,
        codes: [CodeAgreement], groups: [GroupAgreement], overall: OverallAgreement, notes: [String]
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
    }
}

/// Agreement on one code: its presence in each unit is a binary rating per coder.
public struct CodeAgreement: Codable, Sendable, Hashable {
    /// The code's path.
    public var code: String
    public var id: String
    /// Units each coder rated "present", in `coders` order.
    public var present: [Int]
    /// One entry per coder pair (i < j in `coders` order).
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
    /// Krippendorff's unitizing alpha on the coders' character spans (documents concatenated),
    /// whatever `unit` is.
    public var unitizingAlpha: Double?
    public var unitizingAlphaNote: String?

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
    }

    public init(
        code: String, id: String, present: [Int], pairs: [PairAgreement], fleissKappa: Estimate,
        krippendorffAlpha: Estimate, gwetAc1: Double?, brennanPrediger: Double?, unitizingAlpha: Estimate
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

/// Agreement over all codes.
public struct OverallAgreement: Codable, Sendable, Hashable {
    /// Mean over coder pairs of the kappa of each pair's pooled table (the per-code 2×2
    /// tables summed over codes); with two coders, simply the pooled table's kappa.
    public var pooledKappa: Double?
    public var pooledKappaNote: String?
    /// Mean of the per-code, per-pair kappas that are defined (nulls ignored).
    public var meanKappa: Double?
    public var meanKappaNote: String?
    /// How many kappas `mean_kappa` averages.
    public var meanKappaCount: Int
    /// Mean over coder pairs of the pooled tables' percent agreement (0–100).
    public var percentAgreement: Double?
    /// Krippendorff's alpha over every (unit, code) presence item and all coders.
    public var krippendorffAlpha: Double?
    public var krippendorffAlphaNote: String?
    /// Each pair's pooled table.
    public var pairs: [PairAgreement]

    enum CodingKeys: String, CodingKey {
        case pairs
        case pooledKappa = "pooled_kappa"
        case pooledKappaNote = "pooled_kappa_note"
        case meanKappa = "mean_kappa"
        case meanKappaNote = "mean_kappa_note"
        case meanKappaCount = "mean_kappa_count"
        case percentAgreement = "percent_agreement"
        case krippendorffAlpha = "krippendorff_alpha"
        case krippendorffAlphaNote = "krippendorff_alpha_note"
    }

    public init(
        pooledKappa: Estimate, meanKappa: Estimate, meanKappaCount: Int, percentAgreement: Double?,
        krippendorffAlpha: Estimate, pairs: [PairAgreement]
    ) {
        self.pooledKappa = pooledKappa.value
        self.pooledKappaNote = pooledKappa.note
        self.meanKappa = meanKappa.value
        self.meanKappaNote = meanKappa.note
        self.meanKappaCount = meanKappaCount
        self.percentAgreement = percentAgreement
        self.krippendorffAlpha = krippendorffAlpha.value
        self.krippendorffAlphaNote = krippendorffAlpha.note
        self.pairs = pairs
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pooledKappa, forKey: .pooledKappa)
        try c.encode(pooledKappaNote, forKey: .pooledKappaNote)
        try c.encode(meanKappa, forKey: .meanKappa)
        try c.encode(meanKappaNote, forKey: .meanKappaNote)
        try c.encode(meanKappaCount, forKey: .meanKappaCount)
        try c.encode(percentAgreement, forKey: .percentAgreement)
        try c.encode(krippendorffAlpha, forKey: .krippendorffAlpha)
        try c.encode(krippendorffAlphaNote, forKey: .krippendorffAlphaNote)
        try c.encode(pairs, forKey: .pairs)
    }
}
