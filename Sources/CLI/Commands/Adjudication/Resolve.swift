import ArgumentParser
import Project
import Store

struct Resolve: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        abstract: "Decide the consensus of units (leads only): one unit, every agreed unit, or one coder's codes.",
        discussion: """
            accord resolve UNIT --code C [--code C2 ...] [--note TEXT]   the codes that apply to UNIT (DOC:START-END)
            accord resolve UNIT --none                                    no code applies to UNIT
            accord resolve --agreed [--doc D]                            every unit where all compared coders agree, in one batch
            accord resolve --accept CODER --doc D [UNIT]                 CODER's codes, for UNIT or every coded unit of D
            Each decision replaces the decisions on its unit you had seen.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The unit, DOC:START-END as `disagreements` prints it.") var unitName: String?
    @Option(name: .customLong("code"), help: "A code that applies (path or id); repeatable.") var codes: [String] = []
    @Flag(help: "No code applies to the unit.") var none = false
    @Flag(help: "Decide every unit where all compared coders agree on the codes.") var agreed = false
    @Option(help: "Take this coder's codes (member name).") var accept: String?
    @Option(help: "The document (--agreed: only this one; --accept: required).") var doc: String?
    @Option(help: "Coders compared by --agreed, comma-separated (default: everyone who coded).") var coders: String?
    @Option(help: "A note kept with each decision.") var note: String = ""
    @Option(help: "document, paragraph, sentence, character or segment (default: paragraph): what a unit is.",
            transform: AgreementUnit.parse) var unit = AgreementUnit.paragraph
    @Flag(help: "Print {\"decisions\": [ids]}.") var json = false

    func validate() throws { _ = try resolution }

    /// Exactly one form of the command.
    var resolution: Resolution {
        get throws(AccordError) {
            let forms = [unitName != nil && accept == nil, agreed, accept != nil].filter { $0 }.count
            guard forms == 1 else {
                throw AccordError("bad_resolve", "give a UNIT with --code or --none, or --agreed, or --accept CODER --doc D")
            }
            if agreed {
                guard codes.isEmpty, !none, unitName == nil else { throw AccordError("bad_resolve", "--agreed takes no UNIT, --code or --none") }
                return .agreed(document: doc, coders: AgreementCommand.list(coders))
            }
            if let accept {
                guard let doc else { throw AccordError("bad_resolve", "--accept needs --doc D") }
                guard codes.isEmpty, !none else { throw AccordError("bad_resolve", "--accept takes the coder's codes; drop --code and --none") }
                return .accept(coder: accept, document: doc, unit: unitName)
            }
            guard let unitName, codes.isEmpty == none else {
                throw AccordError("bad_resolve", "give the unit's codes with --code C (repeatable), or --none when no code applies")
            }
            guard doc == nil, coders == nil else { throw AccordError("bad_resolve", "--doc and --coders go with --agreed or --accept") }
            return .unit(unitName, codes: codes)
        }
    }

    func run() throws {
        let resolution = try resolution
        let store = try global.openStore()
        let events = try Replica(store: store).resolve(resolution, unit: unit.scheme(overlapPercent: AgreementCommand.defaultOverlap),
                                                       note: note, by: try global.key(in: store))
        if json {
            Output.json(["decisions": .array(events.map { .string($0.id) })])
            return
        }
        if case .unit = resolution, let event = events.first {
            Output.line(event.id)
        } else {
            Output.line("\(events.count) unit(s) decided")
        }
        if events.isEmpty { Output.note("nothing to decide: every unit already has that consensus") }
    }
}
