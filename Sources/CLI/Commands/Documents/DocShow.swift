import ArgumentParser
import Foundation
import GRDB
import Store

struct DocShow: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a document's text and its codings.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Argument(help: "Title or id.") var document: String
    @Flag(help: "Show other coders' codings even before you have finished the document.") var reveal = false

    func run() throws {
        let store = try global.openStore()
        let view = try store.view(at: read.moment())
        let reader = try global.readerKey(in: store)
        let (catalog, progress, doc, text, codings) = try view.read { db in
            let catalog = try Catalog(db)
            let doc = try catalog.document(named: document)
            let text = try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [doc.id]) ?? ""
            return (catalog, try Progress(db), doc, text, try CodingRow.fetch(db, catalog: catalog, document: doc.id))
        }
        let blind = BlindCoding(reader: reader, catalog: catalog, progress: progress, reveal: reveal)
        let visible = codings.filter(blind.isVisible)
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
                "hidden": .int(Int64(codings.count - visible.count)),
            ]))
            return
        }
        Output.line("# \(doc.title)  (\(doc.length) characters, id \(doc.id))")
        Output.line()
        Output.lines(of: text)
        Output.line()
        Output.table(["SPAN", "CODE", "CODER", "TEXT"], visible.map {
            ["\($0.start):\($0.end)", catalog.code(id: $0.code)?.path ?? $0.code, catalog.name(ofKey: $0.author), quote($0)]
        })
        if let note = blind.hiddenNote(codings.count - visible.count) { Output.note(note) }
    }
}
