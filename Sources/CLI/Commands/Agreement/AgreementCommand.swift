import Agreement
import ArgumentParser
import Foundation
import Project
import Store

struct AgreementCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-coder agreement: Cohen's kappa and friends per code and coder pair, Fleiss' kappa and Krippendorff's alpha.",
        discussion: "Only documents every compared coder has marked done count, unless --include-unfinished. See the README for what each measure means.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Option(help: "\(AgreementUnit.choices) (default: paragraph).", transform: AgreementUnit.parse) var unit = AgreementUnit.paragraph
    @Option(help: "Coders to compare, comma-separated member names (default: everyone who coded).") var coders: String?
    @Option(help: "Codes to compare, comma-separated paths (default: every live code).") var codes: String?
    @Option(help: "Only this exclusive group (the parent code's path).") var group: String?
    @Option(help: "Segment units only: percent overlap that makes two segments match (default: 90).") var overlap: Double?
    @Flag(help: "Also count documents not every coder has marked done.") var includeUnfinished = false
    @Option(help: "`consensus`: compare each coder against the decided consensus instead of with one another.") var against: String?
    @Flag(help: "The per-code kappa and alpha at each step of the history (with --every).") var trend = false
    @Option(help: "The trend's step: a duration (1d, 6h, 30m) or a number of events (500-events).") var every: String?

    /// The overlap segments use when --overlap is not given.
    static let defaultOverlap = 90.0

    func validate() throws {
        try AgreementCommand.validateOverlap(overlap, unit: unit)
        if let against, against != "consensus" {
            throw AccordError("bad_against", "--against takes `consensus`; got `\(against)`")
        }
        if trend {
            guard let every else { throw AccordError("bad_step", "--trend needs --every (1d, 6h, 30m or N-events)") }
            _ = try TrendStep.parse(every)
            guard read.at == nil else { throw AccordError("bad_step", "--trend covers the whole history; drop --at") }
        } else if every != nil {
            throw AccordError("bad_step", "--every goes with --trend")
        }
    }

    /// `--overlap` only with segment units, and a percentage.
    static func validateOverlap(_ overlap: Double?, unit: AgreementUnit) throws(AccordError) {
        guard let overlap else { return }
        guard unit == .segment else {
            throw AccordError("bad_overlap", "--overlap applies to --unit segment only; got --unit \(unit.rawValue)")
        }
        guard overlap > 0, overlap <= 100 else { throw AccordError("bad_overlap", "--overlap is a percentage in (0, 100]") }
    }

    var query: AgreementQuery {
        get throws(AccordError) {
            var query = AgreementQuery()
            query.unit = unit.scheme(overlapPercent: overlap ?? AgreementCommand.defaultOverlap)
            query.coders = AgreementCommand.list(coders)
            query.codes = AgreementCommand.list(codes)
            query.group = group
            query.includeUnfinished = includeUnfinished
            query.againstConsensus = against == "consensus"
            query.moment = try read.moment()
            return query
        }
    }

    /// A comma-separated option as its items.
    static func list(_ option: String?) -> [String] {
        option.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
    }

    func run() throws {
        let query = try query
        let store = try global.openStore()
        if trend, let every {
            try AgreementTrendOutput.print(try Replica(store: store).agreementTrend(query, cut: try TrendStep.parse(every)),
                                           every: every, json: read.json)
            return
        }
        let (report, leftOut, leftOutCoders) = try Replica(store: store).agreement(query)
        if read.json {
            var json = try JSONValueEncoder.encode(report)
            if case .object(var fields) = json {
                fields["left_out"] = .array(leftOut.map { ["document": .string($0.document), "title": .string($0.title), "reason": .string($0.reason)] })
                if !leftOutCoders.isEmpty {
                    fields["left_out_coders"] = .array(leftOutCoders.map { ["coder": .string($0.name), "reason": .string($0.reason)] })
                }
                json = .object(fields)
            }
            Output.json(json)
            return
        }
        let table = report.escapedForTerminal().table()
        for line in table.split(separator: "\n", omittingEmptySubsequences: false).dropLast(table.hasSuffix("\n") ? 1 : 0) {
            Output.line(String(line))
        }
        for coder in leftOutCoders {
            Output.line("Not compared: \(TerminalText.escaped(coder.name)) — \(coder.reason) (name coders with --coders)")
        }
        if !leftOut.isEmpty {
            Output.line("Left out (\(leftOut.count)): " + leftOut.map { "\($0.title) — \($0.reason)" }.joined(separator: "; "))
            Output.line("Use --include-unfinished to count them anyway.")
        }
    }
}
