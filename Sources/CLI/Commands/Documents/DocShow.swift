import ArgumentParser
import Foundation
import Project
import Store

struct DocShow: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a document's text and its codings.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Argument(help: "Title or id.") var document: String
    @Flag(help: "Show other coders' codings even before you have finished the document.") var reveal = false

    func run() throws {
        let store = try global.openStore()
        let shown = try Replica(store: store).document(named: document, at: read.moment(),
                                                       reader: try global.readerKey(in: store), reveal: reveal)
        let (catalog, doc, text, visible) = (shown.catalog, shown.document, shown.text, shown.codings)
        let scalars = Array(text.unicodeScalars)
        func quote(_ c: CodingRow) -> String {
            var s = String(String.UnicodeScalarView(scalars[c.start..<min(c.end, scalars.count)]))
            s = s.replacingOccurrences(of: "\n", with: " ")
            return s.count > 60 ? String(s.prefix(57)) + "..." : s
        }
        if read.json {
            Output.json(.object([
                "id": .string(doc.id), "title": .string(doc.title), "text": .string(text), "length": .int(Int64(doc.length)),
                "sha256": .string(doc.sha256), "retired": .bool(doc.retired),
                "codings": .array(visible.map { CodingsJSON.row($0, catalog: catalog) }),
                "hidden": .int(Int64(shown.hidden)),
            ]))
            return
        }
        Output.line("# \(doc.title)  (\(doc.length) characters, id \(doc.id))")
        Output.line()
        Output.lines(of: text)
        Output.line()
        Output.table(["SPAN", "CODE", "CODER", "TEXT"], visible.map {
            ["\($0.start):\($0.end)", catalog.path(ofCode: $0.code), catalog.coderName($0), quote($0)]
        })
        if let note = shown.note { Output.note(note) }
    }
}
