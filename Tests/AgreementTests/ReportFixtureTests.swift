import Foundation
import Testing
@testable import Agreement

// End to end: documents and codings in, report out, against values the fixture script computed
// with scikit-learn / statsmodels / krippendorff on unit-by-unit presence arrays (and an
// independent implementation of DKPro's unitizing alpha over documents whose gaps end at their
// boundaries), for the document, paragraph and character schemes.

private struct ReportFile: Decodable {
    struct Case: Decodable {
        var name: String
        var documents: [Document]
        var coders: [String]
        var codes: [Code]
        var codings: [Coding]
        var expected: [String: Expected]
    }
    struct Document: Decodable { var id, title, text: String }
    struct Code: Decodable {
        var id, path: String
        var group: String?
    }
    struct Coding: Decodable {
        var coder, document, code: String
        var start, end: Int
    }
    struct Expected: Decodable {
        var units: Int
        var ignored: Int
        var codes: [CodeResult]
        var overall: Overall
        var groups: [Group]
    }
    struct CodeResult: Decodable {
        var id: String
        var pairs: [Pair]
        var fleiss_kappa: Double?
        var krippendorff_alpha: Double?
        var unitizing_alpha: Double?
        var present: [Int]
    }
    struct Pair: Decodable {
        var both, only_first, only_second, neither: Int
        var kappa: Double?
        var kappa_se: Double?
    }
    struct Overall: Decodable {
        var pooled_kappa: Double?
        var mean_kappa: Double?
        var percent_agreement: Double?
        var krippendorff_alpha: Double?
    }
    struct Group: Decodable {
        var group: String
        var pairs: [GroupPair]
        var fleiss_kappa: Double?
        var krippendorff_alpha: Double?
        var multi_coded_units: Int
    }
    struct GroupPair: Decodable {
        var n: Int
        var kappa: Double?
        var confusion: [[Int]]
    }
    var cases: [Case]
}

private func input(_ c: ReportFile.Case) -> AgreementInput {
    AgreementInput(
        documents: c.documents.map { AgreementDocument(id: $0.id, title: $0.title, text: $0.text) },
        coders: c.coders,
        codes: c.codes.map { AgreementCode(id: $0.id, path: $0.path, group: $0.group) },
        codings: c.codings.map {
            AgreementCoding(coder: $0.coder, document: $0.document, code: $0.code, start: $0.start, end: $0.end)
        })
}

@Test func reportsMatchPeerLibraries() throws {
    let file = try Fixtures.load(ReportFile.self, "reports.json")
    #expect(file.cases.count == 3)
    let schemes: [String: UnitScheme] = ["document": .document, "paragraph": .paragraph, "character": .character]
    for c in file.cases {
        let data = input(c)
        for (name, expected) in c.expected {
            let label = "\(c.name) \(name)"
            let report = computeAgreement(data, unit: schemes[name]!)
            #expect(report.unit == name)
            #expect(report.units == expected.units, "\(label) units")
            #expect(report.coders == c.coders)
            #expect(report.notes.contains { $0.hasPrefix("\(expected.ignored) coding(s) ignored") }, "\(label) ignored codings")
            #expect(report.codes.count == expected.codes.count)
            for (code, want) in zip(report.codes, expected.codes) {
                #expect(code.id == want.id)
                #expect(code.present == want.present, "\(label) \(code.code) present")
                for (pair, wantPair) in zip(code.pairs, want.pairs) {
                    let l = "\(label) \(code.code) \(pair.coders)"
                    let got: [Int] = [pair.both, pair.onlyFirst, pair.onlySecond, pair.neither]
                    let want: [Int] = [wantPair.both, wantPair.only_first, wantPair.only_second, wantPair.neither]
                    #expect(got == want, "\(l) table")
                    expectClose(pair.kappa, wantPair.kappa, "\(l) kappa")
                    expectClose(pair.kappaSe, wantPair.kappa_se, "\(l) SE")
                }
                expectClose(code.fleissKappa, want.fleiss_kappa, "\(label) \(code.code) Fleiss")
                expectClose(code.krippendorffAlpha, want.krippendorff_alpha, "\(label) \(code.code) alpha")
                expectClose(code.unitizingAlpha, want.unitizing_alpha, "\(label) \(code.code) unitizing alpha (independent implementation)")
            }
            expectClose(report.overall.pooledKappa, expected.overall.pooled_kappa, "\(label) pooled kappa")
            expectClose(report.overall.meanKappa, expected.overall.mean_kappa, "\(label) mean kappa")
            expectClose(report.overall.percentAgreement, expected.overall.percent_agreement, "\(label) percent")
            expectClose(report.overall.krippendorffAlpha, expected.overall.krippendorff_alpha, "\(label) overall alpha")
            #expect(report.groups.count == expected.groups.count)
            for (group, want) in zip(report.groups, expected.groups) {
                #expect(group.group == want.group)
                #expect(group.multiCodedUnits == want.multi_coded_units, "\(label) multi-coded")
                #expect(group.multiCoded.reduce(0) { $0 + $1.end - $1.start } >= (name == "character" ? want.multi_coded_units : 0))
                expectClose(group.fleissKappa, want.fleiss_kappa, "\(label) group Fleiss")
                expectClose(group.krippendorffAlpha, want.krippendorff_alpha, "\(label) group alpha")
                for (pair, wantPair) in zip(group.pairs, want.pairs) {
                    #expect(pair.n == wantPair.n, "\(label) group n")
                    #expect(pair.confusion == wantPair.confusion, "\(label) confusion")
                    expectClose(pair.kappa, wantPair.kappa, "\(label) group kappa")
                }
            }
        }
    }
}
