import Agreement
import ArgumentParser
import Foundation
import Project
import Store

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-coder agreement: Cohen's kappa and friends per code and coder pair, Fleiss' kappa and Krippendorff's alpha.",
        discussion: "Only documents every compared coder has marked done count, unless --include-unfinished. See the README for what each measure means.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Option(help: "document, paragraph, sentence, character or segment.") var unit = "paragraph"
    @Option(help: "Coders to compare, comma-separated member names (default: everyone who coded).") var coders: String?
    @Option(help: "Codes to compare, comma-separated paths (default: every live code).") var codes: String?
    @Option(help: "Only this exclusive group (the parent code's path).") var group: String?
    @Option(help: "Segment units: percent overlap that makes two segments match.") var overlap: Double = 90
    @Flag(help: "Also count documents not every coder has marked done.") var includeUnfinished = false

    func run() throws {
        var query = AgreementQuery()
        switch unit {
        case "document": query.unit = .document
        case "paragraph": query.unit = .paragraph
        case "sentence": query.unit = .sentence
        case "character": query.unit = .character
        case "segment":
            guard overlap > 0, overlap <= 100 else { throw AccordError("bad_overlap", "--overlap is a percentage in (0, 100]") }
            query.unit = .segment(overlapPercent: overlap)
        default: throw AccordError("bad_unit", "--unit is one of document, paragraph, sentence, character, segment; got `\(unit)`")
        }
        query.coders = coders.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        query.codes = codes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        query.group = group
        query.includeUnfinished = includeUnfinished
        query.moment = try read.moment()
        let store = try global.openStore()
        let (report, leftOut) = try Replica(store: store).agreement(query)
        if read.json {
            let encoder = JSONEncoder()
            var json = (try? JSONParser.parse(Array(encoder.encode(report)))) ?? .null
            if case .object(var fields) = json {
                fields["left_out"] = .array(leftOut.map { ["document": .string($0.document), "title": .string($0.title), "reason": .string($0.reason)] })
                json = .object(fields)
            }
            Output.json(json)
            return
        }
        print(report.table(), terminator: report.table().hasSuffix("\n") ? "" : "\n")
        if !leftOut.isEmpty {
            Output.line("Left out (\(leftOut.count)): " + leftOut.map { "\($0.title) — \($0.reason)" }.joined(separator: "; "))
            Output.line("Use --include-unfinished to count them anyway.")
        }
    }
}
