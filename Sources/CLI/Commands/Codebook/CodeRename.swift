import ArgumentParser
import Project
import Store

struct CodeRename: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a code; its codings keep it.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Code path or id.") var code: String
    @Argument(help: "The new name.") var name: String

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).changeCode(code, newName: name, by: try global.key(in: store))
        Output.line("renamed \(code) to \(name)")
    }
}
