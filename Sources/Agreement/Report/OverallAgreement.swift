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
