import ArgumentParser
import Store

struct Codings: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "List current codings.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Option(help: "Only this coder's (member name).") var coder: String?
    @Option(help: "Only this document (title or id).") var doc: String?
    @Option(help: "Only this code (path or id; includes codes merged into it).") var code: String?
    @Flag(help: "Show other coders' codings even where you have not finished the document.") var reveal = false

    func run() throws {
        let store = try global.openStore()
        let view = try store.view(at: read.moment())
        let reader = try global.readerKey(in: store)
        let (catalog, progress, codings) = try view.read { db in
            let catalog = try Catalog(db)
            let documentID = try doc.map { (d) throws(AccordError) in try catalog.document(named: d).id }
            let authors = try coder.map { (name) throws(AccordError) -> Set<String> in
                guard let member = catalog.member(named: name) else { throw AccordError.unknownMember("no member `\(name)`") }
                return Set(member.keys)
            }
            let codes = try code.map { (c) throws(AccordError) in Set([catalog.effectiveCode(try catalog.code(named: c).id)]) }
            return (catalog, try Progress(db), try CodingRow.fetch(db, catalog: catalog, document: documentID, authors: authors, codes: codes))
        }
        let blind = BlindCoding(reader: reader, catalog: catalog, progress: progress, reveal: reveal)
        let visible = codings.filter(blind.isVisible)
        if read.json {
            Output.json(.object(["codings": .array(visible.map { CodingsJSON.row($0, catalog: catalog) }),
                                 "hidden": .int(Int64(codings.count - visible.count))]))
        } else {
            Output.table(["CODING", "CODER", "DOCUMENT", "SPAN", "CODE", "TIME"], visible.map {
                [Output.short($0.id), catalog.name(ofKey: $0.author), catalog.document(id: $0.document)?.title ?? $0.document,
                 "\($0.start):\($0.end)", catalog.code(id: $0.code)?.path ?? $0.code, ISOTime.format($0.time)]
            })
        }
        if let note = blind.hiddenNote(codings.count - visible.count) { Output.note(note) }
    }
}
