import ArgumentParser
import Project
import Store

struct CodeMerge: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Merge a code into another; its codings count as the target.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The code to merge away.") var from: String
    @Argument(help: "The code it becomes.") var into: String

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).mergeCode(from, into: into, by: try global.key(in: store))
        Output.line("merged \(from) into \(into)")
    }
}
