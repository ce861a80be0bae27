/// The per-pair coefficients of one 2×2 presence table.
enum PairStatistics {
    static func presence(coders: [String], table: TwoByTwo) -> PairAgreement {
        guard let po = table.observedAgreement else {
            return PairAgreement(
                coders: coders, table: table, percentAgreement: nil, kappa: nil, kappaSe: nil, kappaCi95: nil,
                pabak: nil, brennanPrediger: nil, gwetAc1: nil, kappaMethod: "cohen", note: Why.noUnits)
        }
        let cohen = Cohen.analyze(table)
        return PairAgreement(
            coders: coders, table: table, percentAgreement: po * 100, kappa: cohen.kappa,
            kappaSe: cohen.standardError, kappaCi95: cohen.ci95, pabak: PABAK.value(observedAgreement: po),
            brennanPrediger: BrennanPrediger.kappa(observedAgreement: po, categories: 2).value,
            gwetAc1: Gwet.ac1(table: table.matrix).value, kappaMethod: "cohen", note: cohen.note)
    }

    /// Segment scheme: no "neither" cell, so kappa is Brennan–Prediger with chance 1/K.
    static func segment(coders: [String], table: TwoByTwo, codes: Int) -> PairAgreement {
        guard let po = table.observedAgreement else {
            return PairAgreement(
                coders: coders, table: table, percentAgreement: nil, kappa: nil, kappaSe: nil, kappaCi95: nil,
                pabak: nil, brennanPrediger: nil, gwetAc1: nil, kappaMethod: "brennan_prediger",
                note: "neither coder has a segment of this code")
        }
        let bp = BrennanPrediger.kappa(observedAgreement: po, categories: codes)
        let note =
            bp.value == nil
            ? "segment units have no 'neither' cell, so kappa is Brennan–Prediger with chance 1/K over the K codes compared (as MAXQDA); with fewer than two codes it is undefined"
            : "segment units have no 'neither' cell: kappa is Brennan–Prediger with chance 1/\(codes) (\(codes) codes compared, as MAXQDA); no standard error"
        return PairAgreement(
            coders: coders, table: table, percentAgreement: po * 100, kappa: bp.value, kappaSe: nil,
            kappaCi95: nil, pabak: PABAK.value(observedAgreement: po), brennanPrediger: bp.value, gwetAc1: nil,
            kappaMethod: "brennan_prediger", note: note)
    }

    /// Two coders on an exclusive group.
    static func group(coders: [String], confusion: [[Int]]) -> GroupPairAgreement {
        let table = confusion.map { $0.map(Double.init) }
        let n = confusion.reduce(0) { $0 + $1.reduce(0, +) }
        guard n > 0, let t = SquareTable(table) else {
            return GroupPairAgreement(
                coders: coders, n: 0, kappa: nil, kappaSe: nil, kappaCi95: nil, percentAgreement: nil,
                brennanPrediger: nil, gwetAc1: nil, confusion: confusion, note: Why.noUnits)
        }
        let cohen = Cohen.analyze(table: table)
        return GroupPairAgreement(
            coders: coders, n: n, kappa: cohen.kappa, kappaSe: cohen.standardError, kappaCi95: cohen.ci95,
            percentAgreement: t.observed * 100, brennanPrediger: BrennanPrediger.kappa(table: table).value,
            gwetAc1: Gwet.ac1(table: table).value, confusion: confusion, note: cohen.note)
    }
}
