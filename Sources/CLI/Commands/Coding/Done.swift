import ArgumentParser
import Project
import Store

struct Done: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "Mark a document finished: it then counts for agreement.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Document title or id.") var document: String

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).markDone(document, by: try global.key(in: store))
        Output.line("marked \(document) done")
    }
}
