import ArgumentParser
import Project
import Store

struct Apply: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "Code a span of a document; prints the coding id.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Code path or id.") var code: String
    @Argument(help: "Document title or id.") var document: String
    @Option(parsing: .unconditional, help: "START:END in characters (Unicode scalars, end exclusive).") var span: String?
    @Option(help: "Text that occurs exactly once in the document.") var quote: String?
    @Option(help: "Paragraph number, from 1.") var paragraph: Int?
    @Flag(help: "Print {\"coding\": id}.") var json = false

    func validate() throws {
        _ = try anchor
    }

    /// Where the coding goes: exactly one of --span, --quote, --paragraph.
    var anchor: Anchor {
        get throws(AccordError) {
            switch (span, quote, paragraph) {
            case (let span?, nil, nil): return try Anchor.parseSpan(span)
            case (nil, let quote?, nil): return .quote(quote)
            case (nil, nil, let paragraph?): return .paragraph(paragraph)
            default: throw AccordError("bad_anchor", "give exactly one of --span S:E, --quote TEXT, --paragraph N")
            }
        }
    }

    func run() throws {
        let anchor = try anchor
        let store = try global.openStore()
        let event = try Replica(store: store).apply(code: code, document: document, at: anchor, by: try global.key(in: store))
        if json { Output.json(["coding": .string(event.id)]) } else { Output.line(event.id) }
    }
}
