import Agreement
import Foundation
import Interop
import Store

/// What `accord report` puts in its HTML page besides the agreement query.
public struct ReportRequest: Sendable {
    public var query = AgreementQuery()
    /// The trend's step; nil splits the history into about `trendSteps` equal runs of events.
    public var every: SeriesCut?
    public var trendSteps = 20
    /// Who reads the report: blind coding hides the disagreements on documents they have not finished.
    public var reader: SigningKey?

    public init() {}
}

extension Replica {
    /// The agreement report as plain values for `HTMLReport`: the same
    /// comparison `accord agreement` prints (kappa per code and pair with its
    /// 95% interval, exclusive groups with their confusion matrices, the
    /// overall figures), the trend over the history, and the disagreements
    /// with each coder's own spans inside the unit, so a lead sees where the
    /// coders' readings parted and not only that they did.
    public func reportData(_ request: ReportRequest) throws(AccordError) -> ReportData {
        let query = request.query
        let (report, leftOut, leftOutCoders) = try agreement(query)
        var disagreementsQuery = DisagreementsQuery()
        (disagreementsQuery.unit, disagreementsQuery.coders, disagreementsQuery.codes, disagreementsQuery.includeUnfinished,
         disagreementsQuery.moment) = (query.unit, query.coders, query.codes, query.includeUnfinished, query.moment)
        let listing = try disagreements(disagreementsQuery, reader: request.reader)
        var codingsQuery = CodingsQuery()
        codingsQuery.moment = query.moment
        codingsQuery.reveal = true
        let all = try codings(codingsQuery, reader: nil)
        let trend = try reportTrend(request)

        var notes = report.notes
        notes += leftOut.map { "Left out: \($0.title) — \($0.reason)." }
        notes += leftOutCoders.map { "Not compared: \($0.name) — \($0.reason)." }
        if let note = listing.note { notes.append(note) }
        let catalog = all.catalog
        return ReportData(
            title: "Agreement report: \(catalog.projectName)",
            subtitle: "Unit: \(report.unit) · \(report.documents) document\(report.documents == 1 ? "" : "s") · "
                + "\(report.units) unit\(report.units == 1 ? "" : "s") · made \(ISOTime.format(Store.nowMicros()))",
            coders: report.coders,
            codes: report.codes.map { code in
                ReportData.CodeRow(path: code.code, pairs: code.pairs.map(Replica.reportPair), fleissKappa: code.fleissKappa,
                                   krippendorffAlpha: code.krippendorffAlpha, note: code.fleissKappaNote ?? code.krippendorffAlphaNote)
            },
            overall: ReportData.Overall(
                kappa: report.overall.pooledKappa,
                ci95: report.overall.pairs.count == 1 ? Replica.interval(report.overall.pairs[0].kappaCi95) : nil,
                krippendorffAlpha: report.overall.krippendorffAlpha, percentAgreement: report.overall.percentAgreement,
                note: report.overall.pooledKappaNote),
            groups: report.groups.map { group in
                ReportData.ExclusiveGroup(
                    path: group.group, categories: group.categories,
                    pairs: group.pairs.map { pair in
                        ReportData.GroupPair(
                            pair: ReportData.Pair(coders: pair.coders, kappa: pair.kappa, ci95: Replica.interval(pair.kappaCi95),
                                                  percentAgreement: pair.percentAgreement, n: pair.n, note: pair.note),
                            confusion: pair.confusion)
                    },
                    fleissKappa: group.fleissKappa, krippendorffAlpha: group.krippendorffAlpha, note: group.note)
            },
            trend: trend,
            disagreements: Replica.reportDisagreements(listing, codings: all.codings, catalog: catalog),
            notes: notes)
    }

    /// Writes the report as one self-contained HTML file; returns what it shows.
    @discardableResult
    public func writeReport(_ request: ReportRequest, to destination: URL, progress: InteropProgress? = nil) throws(AccordError) -> ReportData {
        let data = try reportData(request)
        let html = HTMLReport.render(data, progress: progress)
        try ExportFile.write(to: destination) { handle in try handle.write(contentsOf: Data(html.utf8)) }
        return data
    }

    static func reportPair(_ pair: PairAgreement) -> ReportData.Pair {
        ReportData.Pair(coders: pair.coders, kappa: pair.kappa, ci95: interval(pair.kappaCi95),
                        percentAgreement: pair.percentAgreement, n: pair.n, note: pair.note)
    }

    static func interval(_ bounds: [Double]?) -> ClosedRange<Double>? {
        guard let bounds, bounds.count == 2, bounds[0].isFinite, bounds[1].isFinite, bounds[0] <= bounds[1] else { return nil }
        return bounds[0]...bounds[1]
    }

    /// Kappa (the mean over coder pairs) and alpha per code at each step of
    /// the history, plus the pooled kappa as "overall"; steps with nothing to
    /// compare yet are left out, and no trend is shown when fewer than two
    /// steps remain (one point is not a trend).
    func reportTrend(_ request: ReportRequest) throws(AccordError) -> ReportData.Trend? {
        guard request.query.moment == .now else { return nil }
        let cut: SeriesCut
        if let every = request.every {
            cut = every
        } else {
            let events = try store.status().events
            cut = .events(max(1, (events + request.trendSteps - 1) / max(1, request.trendSteps)))
        }
        let points = try agreementTrend(request.query, cut: cut)
        let steps: [ReportData.TrendStep] = points.compactMap { point in
            guard let report = point.report else { return nil }
            var values = report.codes.map { code in
                let kappas = code.pairs.compactMap(\.kappa)
                return ReportData.TrendValue(code: code.code, kappa: kappas.isEmpty ? nil : kappas.reduce(0, +) / Double(kappas.count),
                                             alpha: code.krippendorffAlpha)
            }
            values.append(ReportData.TrendValue(code: "overall", kappa: report.overall.pooledKappa, alpha: report.overall.krippendorffAlpha))
            let time = Date(timeIntervalSince1970: Double(point.point.time) / 1_000_000)
            return ReportData.TrendStep(label: String(ISOTime.format(point.point.time).prefix(16)).replacingOccurrences(of: "T", with: " "),
                                        time: time, values: values)
        }
        return steps.count >= 2 ? ReportData.Trend(steps: steps) : nil
    }

    /// Each disagreement with every compared coder's codings that overlap
    /// the unit, clipped to it and counted from the unit's first character.
    static func reportDisagreements(_ listing: DisagreementListing, codings: [CodingRow], catalog: Catalog) -> [ReportData.Disagreement] {
        let byDocument = Dictionary(grouping: codings, by: \.document)
        return listing.units.map { unit in
            let here = byDocument[unit.document.id] ?? []
            let coders = unit.codes.map { coder, paths in
                let member = catalog.member(named: coder)
                let spans = here.filter { coding in
                    coding.start < unit.end && coding.end > unit.start && coding.member != nil && coding.member == member?.id
                }.compactMap { coding -> ReportData.CodedSpan? in
                    guard let path = catalog.code(id: catalog.effectiveCode(coding.code))?.path, paths.contains(path) else { return nil }
                    return ReportData.CodedSpan(code: path, start: max(coding.start, unit.start) - unit.start,
                                                end: min(coding.end, unit.end) - unit.start)
                }.sorted { ($0.start, $0.end, $0.code) < ($1.start, $1.end, $1.code) }
                return ReportData.CoderCodes(coder: coder, spans: spans)
            }
            return ReportData.Disagreement(document: unit.document.title, start: unit.start, end: unit.end, text: unit.text,
                                           coders: coders, consensus: unit.consensus.map { ReportData.Consensus(codes: $0) })
        }
    }
}
