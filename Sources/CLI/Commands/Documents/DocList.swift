import ArgumentParser
import Foundation
import Project
import Store

struct DocList: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List documents and who has finished them.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Flag(help: "Include retired documents.") var all = false

    func run() throws {
        let store = try global.openStore()
        let listing = try Replica(store: store).documents(at: read.moment())
        let documents = listing.catalog.documents.filter { all || !$0.retired }
        let doneBy = listing.doneBy
        if read.json {
            Output.json(.object(["documents": .array(documents.map { doc in
                ["id": .string(doc.id), "title": .string(doc.title), "length": .int(Int64(doc.length)),
                 "sha256": .string(doc.sha256), "retired": .bool(doc.retired), "done_by": .array(doneBy(doc).map { .string($0) }),
                 "meta": .object(doc.meta.mapValues { .string($0) }), "time": .string(ISOTime.format(doc.time))]
            })]))
            return
        }
        Output.table(["TITLE", "CHARS", "DONE BY", "ID"], documents.map {
            [$0.title + ($0.retired ? " (retired)" : ""), String($0.length), doneBy($0).joined(separator: ","), Output.short($0.id)]
        })
    }
}
