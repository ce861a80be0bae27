import ArgumentParser
import Project
import Store

struct Disagreements: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        abstract: "Units where the compared coders differ, with the text, each coder's codes and the consensus if decided.",
        discussion: "The same units, coders and documents as `agreement`. The unit's name (DOC:START-END) is what `resolve` takes.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Option(help: "\(AgreementUnit.choices) (default: paragraph).", transform: AgreementUnit.parse) var unit = AgreementUnit.paragraph
    @Option(help: "Coders to compare, comma-separated member names (default: everyone who coded).") var coders: String?
    @Option(help: "Codes to compare, comma-separated paths (default: every live code).") var codes: String?
    @Option(help: "Only this document (title or id).") var doc: String?
    @Option(help: "Segment units only: percent overlap that makes two segments match (default: 90).") var overlap: Double?
    @Flag(help: "Only units no lead has decided yet.") var undecided = false
    @Flag(help: "Also count documents not every coder has marked done.") var includeUnfinished = false

    func validate() throws {
        try AgreementCommand.validateOverlap(overlap, unit: unit)
    }

    func run() throws {
        var query = DisagreementsQuery()
        query.unit = unit.scheme(overlapPercent: overlap ?? AgreementCommand.defaultOverlap)
        query.coders = AgreementCommand.list(coders)
        query.codes = AgreementCommand.list(codes)
        (query.document, query.undecided, query.includeUnfinished, query.moment) = (doc, undecided, includeUnfinished, try read.moment())
        let store = try global.openStore()
        let listing = try Replica(store: store).disagreements(query, reader: try global.readerKey(in: store))
        if read.json {
            Output.json(.object(["units": .array(listing.units.map { u in
                ["unit": .string(u.name), "document": .string(u.document.title), "document_id": .string(u.document.id),
                 "start": .int(Int64(u.start)), "end": .int(Int64(u.end)), "text": .string(u.text),
                 "codes": .object(Dictionary(u.codes.map { ($0.coder, JSONValue.array($0.paths.map { .string($0) })) },
                                             uniquingKeysWith: { a, _ in a })),
                 "consensus": u.consensus.map { .array($0.map { .string($0) }) } ?? .null]
            }), "coders": .array(listing.coders.map { .string($0) }),
               "left_out": .array(listing.leftOut.map { ["document": .string($0.document), "title": .string($0.title), "reason": .string($0.reason)] })]))
        } else {
            Output.table(["UNIT", "TEXT"] + listing.coders + ["CONSENSUS"], listing.units.map { u in
                [u.name, Excerpt.line(u.text, limit: 200)] + u.codes.map { $0.paths.isEmpty ? "—" : $0.paths.joined(separator: ", ") }
                    + [u.consensus.map { $0.isEmpty ? "(none)" : $0.joined(separator: ", ") } ?? "undecided"]
            })
            if !listing.leftOut.isEmpty {
                Output.line("Left out (\(listing.leftOut.count)): " + listing.leftOut.map { "\($0.title) — \($0.reason)" }.joined(separator: "; "))
            }
        }
        if let note = listing.note { Output.note(note) }
    }
}
