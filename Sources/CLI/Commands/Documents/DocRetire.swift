import ArgumentParser
import Project
import Store

struct DocRetire: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "retire", abstract: "Retire a document (leads only); its history stays.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Title or id.") var document: String

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).retireDocument(document, by: try global.key(in: store))
        Output.line("retired \(document)")
    }
}
