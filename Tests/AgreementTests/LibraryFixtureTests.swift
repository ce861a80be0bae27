import Foundation
import Testing
@testable import Agreement

// Every coefficient against scikit-learn, statsmodels, krippendorff and irrCAC on the same data
// (Fixtures/*.json, written by scripts/agreement_fixtures.py), to 1e-9.

private struct CategoricalFile: Decodable {
    struct Case: Decodable {
        var name: String
        var categories: Int
        var ratings: [String]
        var expected: Expected
    }
    struct Expected: Decodable {
        var pairs: [Pair]
        var fleiss_kappa: Double?
        var krippendorff_alpha: Double?
        var gwet_ac1: Double?
        var brennan_prediger: Double?
    }
    struct Pair: Decodable {
        var coders: [Int]
        var n: Int
        var kappa: Double?
        var se: Double?
        var percent_agreement: Double?
        var gwet_ac1: Double?
        var brennan_prediger: Double?
    }
    var cases: [Case]
}

private struct BinaryFile: Decodable {
    struct Case: Decodable {
        var table: [Int]
        var expected: Expected
    }
    struct Expected: Decodable {
        var kappa: Double?
        var se: Double?
        var ci95: [Double]?
        var percent_agreement: Double
        var pabak: Double
        var brennan_prediger: Double?
        var gwet_ac1: Double?
    }
    var cases: [Case]
}

@Test func categoricalCasesMatchPeerLibraries() throws {
    let file = try Fixtures.load(CategoricalFile.self, "categorical.json")
    #expect(file.cases.count >= 15)
    for c in file.cases {
        let columns = c.ratings.map(Fixtures.decodeRatings)
        let units = (0..<columns[0].count).map { u in columns.map { $0[u] } }
        let q = c.categories
        for pair in c.expected.pairs {
            let (i, j) = (pair.coders[0], pair.coders[1])
            let label = "\(c.name) pair \(i)-\(j)"
            let result = Cohen.analyze(columns[i], columns[j], categories: q)
            let table = Cohen.confusion(columns[i], columns[j], categories: q)
            let n = table.reduce(0) { $0 + $1.reduce(0, +) }
            #expect(Int(n) == pair.n, "\(label) n")
            expectClose(result.kappa, pair.kappa, "\(label) kappa (sklearn cohen_kappa_score)")
            expectClose(result.standardError, pair.se, "\(label) SE (statsmodels std_kappa)")
            expectClose(result.observedAgreement.map { $0 * 100 }, pair.percent_agreement, "\(label) percent")
            expectClose(n > 0 ? Gwet.ac1(table: table).value : nil, pair.gwet_ac1, "\(label) AC1 (irrCAC)")
            expectClose(n > 0 ? BrennanPrediger.kappa(table: table).value : nil, pair.brennan_prediger, "\(label) BP (irrCAC)")
            if result.kappa == nil { #expect(result.note != nil, "\(label): a null kappa needs a note") }
        }
        let fleiss = Fleiss.kappa(ratings: units, categories: q)
        expectClose(fleiss.value, c.expected.fleiss_kappa, "\(c.name) Fleiss (statsmodels)")
        if fleiss.value == nil { #expect(fleiss.note != nil) }
        let alpha = Krippendorff.alphaNominal(units: units)
        expectClose(alpha.value, c.expected.krippendorff_alpha, "\(c.name) alpha (krippendorff)")
        if alpha.value == nil { #expect(alpha.note != nil) }
        expectClose(Gwet.ac1(units: units, categories: q).value, c.expected.gwet_ac1, "\(c.name) AC1 multi-rater (irrCAC)")
        expectClose(
            BrennanPrediger.kappa(units: units, categories: q).value, c.expected.brennan_prediger,
            "\(c.name) BP multi-rater (irrCAC)")
    }
}

@Test func binaryTablesMatchPeerLibraries() throws {
    let file = try Fixtures.load(BinaryFile.self, "binary_tables.json")
    #expect(file.cases.count >= 30)
    for c in file.cases {
        let t = TwoByTwo(both: c.table[0], onlyFirst: c.table[1], onlySecond: c.table[2], neither: c.table[3])
        let label = "table \(c.table)"
        let cohen = Cohen.analyze(t)
        expectClose(cohen.kappa, c.expected.kappa, "\(label) kappa")
        expectClose(cohen.standardError, c.expected.se, "\(label) SE")
        expectClose(cohen.ci95?[0], c.expected.ci95?[0], "\(label) CI low")
        expectClose(cohen.ci95?[1], c.expected.ci95?[1], "\(label) CI high")
        expectClose(t.observedAgreement.map { $0 * 100 }, c.expected.percent_agreement, "\(label) percent")
        expectClose(PABAK.value(t).value, c.expected.pabak, "\(label) PABAK")
        expectClose(BrennanPrediger.kappa(table: t.matrix).value, c.expected.brennan_prediger, "\(label) BP")
        expectClose(Gwet.ac1(table: t.matrix).value, c.expected.gwet_ac1, "\(label) AC1")
        // The report's pair entry carries the same numbers.
        let pair = PairStatistics.presence(coders: ["a", "b"], table: t)
        expectClose(pair.kappa, c.expected.kappa, "\(label) report kappa")
        expectClose(pair.kappaSe, c.expected.se, "\(label) report SE")
        expectClose(pair.pabak, c.expected.pabak, "\(label) report PABAK")
        expectClose(pair.gwetAc1, c.expected.gwet_ac1, "\(label) report AC1")
        expectClose(pair.brennanPrediger, c.expected.brennan_prediger, "\(label) report BP")
        if pair.kappa == nil { #expect(pair.note != nil) }
    }
}
