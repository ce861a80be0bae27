/// The overall block, shared by every scheme.
enum Overall {
    static func make(
        raters: Raters, hasCodes: Bool, codes: [CodeAgreement], tables: [[TwoByTwo]], alpha: Estimate,
        pairStatistics: ([String], TwoByTwo) -> PairAgreement
    ) -> OverallAgreement {
        let pairs = raters.pairs
        let names = raters.names
        var pooled: [PairAgreement] = []
        for (p, (i, j)) in pairs.enumerated() {
            var table = TwoByTwo(both: 0, onlyFirst: 0, onlySecond: 0, neither: 0)
            for perCode in tables { table = table + perCode[p] }
            pooled.append(pairStatistics([names[i], names[j]], table))
        }
        let pooledKappas = pooled.compactMap(\.kappa)
        let pooledKappa: Estimate
        if pairs.isEmpty {
            pooledKappa = .undefined(Why.fewerThanTwoCoders)
        } else if !hasCodes {
            pooledKappa = .undefined("there are no codes")
        } else if pooledKappas.isEmpty {
            pooledKappa = .undefined("undefined for every coder pair's pooled table: " + (pooled.first?.note ?? ""))
        } else {
            pooledKappa = Estimate(mean(pooledKappas))
        }
        let all = codes.flatMap { $0.pairs.compactMap(\.kappa) }
        let meanKappa: Estimate
        if all.isEmpty {
            meanKappa = .undefined(
                pairs.isEmpty ? Why.fewerThanTwoCoders
                    : !hasCodes ? "there are no codes" : "kappa is undefined for every code and pair")
        } else {
            meanKappa = Estimate(mean(all))
        }
        let percents = pooled.compactMap(\.percentAgreement)
        return OverallAgreement(
            pooledKappa: pooledKappa, meanKappa: meanKappa, meanKappaCount: all.count,
            percentAgreement: percents.isEmpty ? nil : mean(percents), krippendorffAlpha: alpha, pairs: pooled)
    }

    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }
}
