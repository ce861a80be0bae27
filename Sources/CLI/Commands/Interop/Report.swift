import ArgumentParser
import Foundation
import Project
import Store

struct Report: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        abstract: "Write the agreement report as one self-contained HTML file (charts inline, nothing fetched).",
        discussion: """
            Kappa per code with its 95% interval, a coder × coder heat map, the confusion matrix of each exclusive \
            group, kappa over time, and each disagreement with every coder's spans highlighted. The comparison is the \
            one `accord agreement` makes with the same options. The file opens offline and from a mail attachment.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The .html file to write.") var file: String
    @Option(help: "\(AgreementUnit.choices) (default: paragraph).", transform: AgreementUnit.parse) var unit = AgreementUnit.paragraph
    @Option(help: "Coders to compare, comma-separated member names (default: everyone who coded).") var coders: String?
    @Option(help: "Codes to compare, comma-separated paths (default: every live code).") var codes: String?
    @Option(help: "Segment units only: percent overlap that makes two segments match (default: 90).") var overlap: Double?
    @Flag(help: "Also count documents not every coder has marked done.") var includeUnfinished = false
    @Option(help: "The trend's step: a duration (1d, 6h, 30m) or a number of events (500-events); default: about 20 steps.")
    var every: String?
    @Option(help: "Report the state at an ISO-8601 time or an event (no trend then).") var at: String?

    func validate() throws {
        try AgreementCommand.validateOverlap(overlap, unit: unit)
        if let every { _ = try TrendStep.parse(every) }
        if let at { _ = try Moment.parse(at) }
    }

    func run() throws {
        var request = ReportRequest()
        request.query.unit = unit.scheme(overlapPercent: overlap ?? AgreementCommand.defaultOverlap)
        request.query.coders = AgreementCommand.list(coders)
        request.query.codes = AgreementCommand.list(codes)
        request.query.includeUnfinished = includeUnfinished
        request.query.moment = try at.map { (at) throws(AccordError) in try Moment.parse(at) } ?? .now
        request.every = try every.map { (every) throws(AccordError) in try TrendStep.parse(every) }
        let store = try global.openStore()
        request.reader = try global.readerKey(in: store)
        let bar = ProgressBar(label: "report")
        let data = try Replica(store: store).writeReport(request, to: URL(fileURLWithPath: file), progress: bar.update)
        Output.line("wrote \(file): \(data.codes.count) code\(data.codes.count == 1 ? "" : "s"), "
            + "\(data.coders.count) coders, \(data.disagreements.count) disagreement\(data.disagreements.count == 1 ? "" : "s")"
            + (data.trend == nil ? "" : ", kappa over \(data.trend!.steps.count) steps"))
    }
}
