import ArgumentParser
import Foundation
import Project
import Store

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Code a span of a document; prints the coding id.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Code path or id.") var code: String
    @Argument(help: "Document title or id.") var document: String
    @Option(parsing: .unconditional, help: "START:END in characters (Unicode scalars, end exclusive).") var span: String?
    @Option(help: "Text that occurs exactly once in the document.") var quote: String?
    @Option(help: "Paragraph number, from 1.") var paragraph: Int?
    @Flag(help: "Print {\"coding\": id}.") var json = false

    func run() throws {
        let anchors = [span != nil, quote != nil, paragraph != nil].filter { $0 }.count
        guard anchors == 1 else { throw AccordError("bad_anchor", "give exactly one of --span S:E, --quote TEXT, --paragraph N") }
        let anchor: Anchor = try span.map { (s) throws(AccordError) in try Anchor.parseSpan(s) }
            ?? quote.map { .quote($0) } ?? .paragraph(paragraph!)
        let store = try global.openStore()
        let event = try Replica(store: store).apply(code: code, document: document, at: anchor, by: try global.key(in: store))
        if json { Output.json(["coding": .string(event.id)]) } else { Output.line(event.id) }
    }
}

struct Unapply: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove a coding (your own; leads may remove any).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Coding id (or a unique prefix of 8+ digits).") var coding: String

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).unapply(coding: coding, by: try global.key(in: store))
        Output.line("removed coding \(coding)")
    }
}

struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mark a document finished: it then counts for agreement.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Document title or id.") var document: String

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).markDone(document, by: try global.key(in: store))
        Output.line("marked \(document) done")
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import work from files.", subcommands: [Codings.self])

    struct Codings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import codings from CSV in one transaction.",
            discussion: "Header `document,start,end,code` (all rows by --as) or `coder,document,start,end,code` (each row by the keyring key of that coder). A bad row imports nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw AccordError("unreadable_file", "cannot read \(file)") }
            guard let text = String(data: data, encoding: .utf8) else { throw AccordError("not_utf8", "\(file) is not UTF-8") }
            let store = try global.openStore()
            let count = try Replica(store: store).importCodings(csv: text, by: try global.key(in: store))
            Output.line("imported \(count) codings")
        }
    }
}
