import Testing
@testable import Agreement

// Published worked examples, checked to the decimals they were published with.

/// Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", section C (nominal
/// data, 4 observers × 12 units, missing values): α = 0.743. The same data are the nominal
/// example of the `krippendorff` package's docstring.
@Test func krippendorff2011NominalExample() {
    let a: [Int?] = [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil]
    let b: [Int?] = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3]
    let c: [Int?] = [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil]
    let d: [Int?] = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil]
    let units = (0..<12).map { [a[$0], b[$0], c[$0], d[$0]] }
    let alpha = Krippendorff.alphaNominal(units: units)
    #expect(alpha.value.map { ($0 * 1000).rounded() / 1000 } == 0.743)
}

/// Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
/// Bulletin 76, 378–382: 30 patients, 6 psychiatrists, 5 diagnoses; κ = 0.430. The raw ratings
/// are R's `irr::diagnoses` (also in statsmodels' tests), where `kappam.fleiss` gives 0.4302445.
@Test func fleiss1971DiagnosesExample() {
    let diagnoses: [[Int]] = [
        [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
        [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
        [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
        [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
        [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
        [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ]
    let ratings: [[Int?]] = diagnoses.map { $0.map { $0 - 1 } }
    let kappa = Fleiss.kappa(ratings: ratings, categories: 5).value
    #expect(kappa.map { ($0 * 1000).rounded() / 1000 } == 0.430)
    expectClose(kappa, 0.4302445, tolerance: 5e-8, "irr::kappam.fleiss(diagnoses)")
    // The same through the counts table (statsmodels aggregate_raters): column sums 26 26 30 55 43.
    let counts = diagnoses.map { row in (1...5).map { k in row.filter { $0 == k }.count } }
    #expect((0..<5).map { k in counts.reduce(0) { $0 + $1[k] } } == [26, 26, 30, 55, 43])
    expectClose(Fleiss.kappa(counts: counts).value, kappa, "counts form")
}

/// A 2×2 textbook example with its standard error: Bonett's `statpsych::ci.kappa(.05, 31, 12, 4,
/// 58)` (after Fleiss, Levin & Paik 2003, *Statistical Methods for Rates and Proportions*, §18):
/// Cohen kappa 0.6756757, SE 0.07344761, 95% CI [0.5317210, 0.8196303].
@Test func twoByTwoKappaWithStandardError() {
    // f00 = 31 (both 0), f01 = 12, f10 = 4, f11 = 58 (both 1); rows: rater 1.
    let t = TwoByTwo(both: 58, onlyFirst: 4, onlySecond: 12, neither: 31)
    let r = Cohen.analyze(t)
    expectClose(r.kappa, 0.6756757, tolerance: 5e-8, "kappa")
    expectClose(r.standardError, 0.07344761, tolerance: 5e-9, "SE")
    expectClose(r.ci95?[0], 0.5317210, tolerance: 5e-8, "lower")
    expectClose(r.ci95?[1], 0.8196303, tolerance: 5e-8, "upper")
}

/// SAS PROC FREQ example printed in statsmodels' tests (`table10`, 3×3): Kappa 0.4842,
/// ASE 0.1380, 95% limits 0.2137 and 0.7547.
@Test func sasThreeByThreeExample() {
    let r = Cohen.analyze(table: [[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    expectClose(r.kappa, 0.4842, tolerance: 5e-5, "kappa")
    expectClose(r.standardError, 0.1380, tolerance: 5e-5, "ASE")
    expectClose(r.ci95?[0], 0.2137, tolerance: 5e-5, "lower")
    expectClose(r.ci95?[1], 0.7547, tolerance: 5e-5, "upper")
}

/// A 2×2 table with an empty margin, counts [[0, 3], [0, 3]], as run through SAS PROC FREQ
/// (code after SAS Usage Note 22883, reported on SAS Communities, "Could PROC FREQ give a
/// warning when Cohen's kappa has zero..."): kappa 0, ASE 0, interval (0, 0). The exact
/// variance is 0; statsmodels returns NaN there because rounding makes it slightly negative.
@Test func zeroMarginTable() {
    let r = Cohen.analyze(TwoByTwo(both: 0, onlyFirst: 3, onlySecond: 0, neither: 3))
    #expect(r.kappa == 0)
    #expect(r.standardError == 0)
    #expect(r.ci95 == [0, 0])
}

/// Krippendorff, K. (1995). On the reliability of unitizing contiguous data. Sociological
/// Methodology 25, 47–76, p. 57: four categories coded by two observers on a 24-unit continuum,
/// with the values DKPro Statistics' `Krippendorff1995Test` checks (observed disagreement to
/// 1e-5; expected disagreement and alpha, where the 1995 paper itself has a small error in D_E,
/// to the paper's precision with the continuum stretched 50,000×).
@Test func krippendorff1995UnitizingExample() {
    func example(_ stretch: Int) -> [String: [[Range<Int>]]] {
        func u(_ start: Int, _ length: Int) -> Range<Int> { (start * stretch)..<((start + length) * stretch) }
        return [
            "A": [[u(2, 8), u(14, 6)], [u(4, 4), u(15, 2)]],
            "B": [[u(0, 18)], [u(0, 2), u(2, 1), u(3, 1), u(4, 1), u(5, 1), u(6, 3), u(9, 1)]],
            "C": [[u(2, 6), u(10, 2), u(14, 4), u(20, 2)], [u(0, 2), u(4, 4), u(10, 4), u(16, 2), u(20, 2)]],
            "D": [
                [u(0, 2), u(2, 8), u(10, 4), u(14, 6), u(20, 4)],
                [u(0, 4), u(4, 4), u(8, 7), u(15, 2), u(17, 7)],
            ],
        ]
    }
    let small = example(1)
    let observed: [String: Double] = ["A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715]
    for (category, value) in observed {
        expectClose(
            UnitizingAlpha.observedDisagreement(units: small[category]!, continuumLength: 24), value,
            tolerance: 1e-5, "D_o(\(category))")
    }
    let stretch = 1_200_000 / 24
    let large = example(stretch)
    let expected: [String: Double] = ["A": 0.06990, "B": 1.17731, "C": 0.08642, "D": 0.41445]
    let alpha: [String: Double] = ["A": 0.553, "B": -0.926, "C": 0.679, "D": 0.066]
    for category in ["A", "B", "C", "D"] {
        let units = large[category]!
        expectClose(
            UnitizingAlpha.expectedDisagreement(units: units, continuumLength: 24 * stretch), expected[category]!,
            tolerance: 0.005, "D_e(\(category))")
        expectClose(
            UnitizingAlpha.alpha(units: units, continuumLength: 24 * stretch).value, alpha[category]!,
            tolerance: 0.02, "alpha_U(\(category))")
    }
    // Varying the resolution leaves D_o unchanged (DKPro testVaryingLengths).
    for s in [5, 50, 500] {
        expectClose(
            UnitizingAlpha.observedDisagreement(units: example(s)["C"]!, continuumLength: 24 * s), 0.02777,
            tolerance: 1e-5, "D_o(C) at \(s)×")
    }
}
