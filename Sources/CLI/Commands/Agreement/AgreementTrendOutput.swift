import Agreement
import Foundation
import Project
import Store

/// How `agreement --trend` prints its series: per step, each code's kappa
/// (the mean over coder pairs; the pair's kappa with two coders) and alpha.
enum AgreementTrendOutput {
    static func meanKappa(_ code: CodeAgreement) -> Double? {
        let kappas = code.pairs.compactMap(\.kappa)
        return kappas.isEmpty ? nil : kappas.reduce(0, +) / Double(kappas.count)
    }

    static func number(_ x: Double?) -> JSONValue {
        guard let x, x.isFinite else { return .null }
        return .double(x)
    }

    static func print(_ points: [TrendPoint], every: String, json: Bool) throws {
        if json {
            Output.json(["every": .string(every), "steps": .array(points.map { p in
                var step: [String: JSONValue] = [
                    "at": .string(ISOTime.format(p.point.time)), "event": .string(p.point.lastEvent),
                    "events": .int(Int64(p.point.events)), "note": p.reason.map { .string($0) } ?? .null,
                ]
                if let r = p.report {
                    step["coders"] = .array(r.coders.map { .string($0) })
                    step["documents"] = .int(Int64(r.documents))
                    step["units"] = .int(Int64(r.units))
                    step["codes"] = .array(r.codes.map { c in
                        ["code": .string(c.code), "id": .string(c.id), "kappa": number(meanKappa(c)),
                         "pairs": .array(c.pairs.map { ["coders": .array($0.coders.map { .string($0) }), "kappa": number($0.kappa)] }),
                         "fleiss_kappa": number(c.fleissKappa), "krippendorff_alpha": number(c.krippendorffAlpha)]
                    })
                    step["overall"] = ["pooled_kappa": number(r.overall.pooledKappa), "mean_kappa": number(r.overall.meanKappa),
                                       "krippendorff_alpha": number(r.overall.krippendorffAlpha)]
                } else {
                    step["codes"] = .array([])
                }
                return .object(step)
            })])
            return
        }
        func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "—" }
        var codes: [String] = []
        for p in points { for c in p.report?.codes ?? [] where !codes.contains(c.code) { codes.append(c.code) } }
        Output.line("Agreement over time, every \(every): kappa (mean over coder pairs) / Krippendorff's alpha per code")
        Output.table(["AT", "EVENTS", "DOCS"] + codes + ["OVERALL"], points.map { p in
            guard let r = p.report else { return [ISOTime.format(p.point.time), "\(p.point.events)", "—"] + codes.map { _ in "—" } + [p.reason ?? ""] }
            let byCode = Dictionary(r.codes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            return [ISOTime.format(p.point.time), "\(p.point.events)", "\(r.documents)"]
                + codes.map { byCode[$0].map { "\(f(meanKappa($0))) / \(f($0.krippendorffAlpha))" } ?? "—" }
                + ["\(f(r.overall.pooledKappa)) / \(f(r.overall.krippendorffAlpha))"]
        })
    }
}
