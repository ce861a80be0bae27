/// The per-pair coefficients of one 2×2 presence table.
enum PairStatistics {
    static func presence(coders: [String], table: TwoByTwo) -> PairAgreement {
        guard let po = table.observedAgreement else {
            return PairAgreement(
                coders: coders, table: table, percentAgreement: nil, kappa: nil, kappaSe: nil, kappaCi95: nil,
                pabak: nil, brennanPrediger: nil, gwetAc1: nil, kappaMethod: "cohen", note: Why.noUnits)
        }
        let cohen = Cohen.analyze(table)
        let interval = Interval.checked(cohen, degenerate: degenerateMargin(coders: coders, table: table))
        return PairAgreement(
            coders: coders, table: table, percentAgreement: po * 100, kappa: cohen.kappa,
            kappaSe: cohen.standardError, kappaCi95: interval.ci95, pabak: PABAK.value(observedAgreement: po),
            brennanPrediger: BrennanPrediger.kappa(observedAgreement: po, categories: 2).value,
            gwetAc1: Gwet.ac1(table: table.matrix).value, kappaMethod: "cohen", note: cohen.note ?? interval.note)
    }

    /// Which coder's ratings of the code did not vary, said in words, if one's did not.
    static func degenerateMargin(coders: [String], table: TwoByTwo) -> String? {
        let n = table.n
        let first = table.both + table.onlyFirst
        let second = table.both + table.onlySecond
        for (name, present) in [(coders[0], first), (coders[1], second)] {
            if present == 0 { return "\(name) never rated this code present" }
            if present == n { return "\(name) rated this code present on every unit" }
        }
        return nil
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
        var degenerate: String? = nil
        for (i, name) in coders.enumerated() {
            let marginal = i == 0 ? t.rows : t.cols
            if marginal.filter({ $0 > 0 }).count == 1 {
                degenerate = "\(name) put every unit in the same category"
                break
            }
        }
        let interval = Interval.checked(cohen, degenerate: degenerate)
        return GroupPairAgreement(
            coders: coders, n: n, kappa: cohen.kappa, kappaSe: cohen.standardError, kappaCi95: interval.ci95,
            percentAgreement: t.observed * 100, brennanPrediger: BrennanPrediger.kappa(table: table).value,
            gwetAc1: Gwet.ac1(table: table).value, confusion: confusion, note: cohen.note ?? interval.note)
    }
}

/// Whether kappa's 95% interval says anything. The large-sample standard error is 0 when one
/// coder's ratings do not vary (kappa is then exactly 0) and at perfect agreement; the normal
/// interval collapses to a point, which would read as certainty it does not have. Such an
/// interval is reported as null with a note saying why.
enum Interval {
    static func checked(_ cohen: Cohen.Result, degenerate: String?) -> (ci95: [Double]?, note: String?) {
        guard cohen.kappa != nil, let se = cohen.standardError else { return (cohen.ci95, nil) }
        if se > 0 && se.isFinite { return (cohen.ci95, nil) }
        if let degenerate {
            return (nil, "\(degenerate), so kappa is 0 by construction and its large-sample standard error is 0: no confidence interval")
        }
        let why = cohen.kappa == 1 ? "perfect agreement: " : ""
        return (nil, why + "the large-sample standard error is 0, so the normal interval collapses to a point: no confidence interval")
    }
}
