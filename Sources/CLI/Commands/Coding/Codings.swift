import ArgumentParser
import Project
import Store

struct Codings: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "List current codings.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Option(help: "Only this coder's (member name).") var coder: String?
    @Option(help: "Only this document (title or id).") var doc: String?
    @Option(help: "Only this code (path or id; includes codes merged into it).") var code: String?
    @Flag(help: "Show other coders' codings even where you have not finished the document.") var reveal = false
    @Flag(help: "The consensus leads decided instead (`resolve`): one row per decided code, coder `consensus`.") var consensus = false

    func validate() throws {
        if consensus, coder != nil || reveal {
            throw AccordError("bad_consensus", "--consensus lists the leads' decisions; drop --coder and --reveal")
        }
    }

    func run() throws {
        let store = try global.openStore()
        if consensus {
            try ConsensusOutput.print(try Replica(store: store).consensus(document: doc, code: code, at: try read.moment()), json: read.json)
            return
        }
        var query = CodingsQuery()
        (query.coder, query.document, query.code, query.reveal, query.moment) = (coder, doc, code, reveal, try read.moment())
        let listing = try Replica(store: store).codings(query, reader: try global.readerKey(in: store))
        let (catalog, visible) = (listing.catalog, listing.codings)
        if read.json {
            Output.json(bytes: CodingsJSON.listing(visible, hidden: listing.hidden, catalog: catalog))
        } else {
            Output.table(["CODING", "CODER", "DOCUMENT", "SPAN", "CODE", "TIME"], visible.map {
                [Output.short($0.id), catalog.coderName($0), catalog.title(ofDocument: $0.document),
                 "\($0.start):\($0.end)", catalog.path(ofCode: $0.code), ISOTime.format($0.time)]
            })
        }
        if let note = listing.note { Output.note(note) }
    }
}
