import ArgumentParser
import Project
import Store

struct MemoList: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List memos, oldest first.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Option(help: "Only memos on this document or its codings (title or id).") var doc: String?
    @Option(help: "Only memos on this code or its codings (path or id; includes codes merged into it).") var code: String?
    @Option(help: "Only memos on this coding.") var coding: String?
    @Flag(help: "Show other coders' memos even where you have not finished the document.") var reveal = false

    func run() throws {
        let store = try global.openStore()
        var query = MemosQuery()
        (query.document, query.code, query.coding, query.reveal, query.moment) = (doc, code, coding, reveal, try read.moment())
        let listing = try Replica(store: store).memos(query, reader: try global.readerKey(in: store))
        let catalog = listing.catalog
        func about(_ e: MemoEntry) -> String {
            if let coding = e.memo.coding { return "coding \(Output.short(coding))" }
            if let code = e.memo.code { return "code \(catalog.path(ofCode: code))" }
            if let doc = e.memo.document { return "document \(catalog.title(ofDocument: doc))" }
            return "project"
        }
        if read.json {
            Output.json(.object(["memos": .array(listing.memos.map { e in
                let m = e.memo
                return ["id": .string(m.id), "author": .string(catalog.name(ofKey: m.author)), "time": .string(ISOTime.format(m.time)),
                        "text": .string(m.text),
                        "document": e.document.map { .string(catalog.title(ofDocument: $0)) } ?? .null,
                        "document_id": e.document.map { .string($0) } ?? .null,
                        "code": m.code.map { .string(catalog.path(ofCode: $0)) } ?? .null,
                        "code_id": m.code.map { .string($0) } ?? .null,
                        "coding": m.coding.map { .string($0) } ?? .null]
            }), "hidden": .int(Int64(listing.hidden))]))
        } else {
            Output.table(["MEMO", "AUTHOR", "ON", "TIME", "TEXT"], listing.memos.map {
                [Output.short($0.memo.id), catalog.name(ofKey: $0.memo.author), about($0), ISOTime.format($0.memo.time),
                 Excerpt.line($0.memo.text, limit: 200)]
            })
        }
        if let note = listing.note { Output.note(note) }
    }
}
