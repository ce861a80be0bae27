import ArgumentParser
import Project
import Store

struct CodeRetire: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "retire", abstract: "Retire a code: no new codings; history stays.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Code path or id.") var code: String

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).retireCode(code, by: try global.key(in: store))
        Output.line("retired \(code)")
    }
}
