import ArgumentParser
import Store
import Sync

struct RemoteRemove: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Forget a remote.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Its name.") var name: String

    func run() throws {
        try Remotes(store: try global.openStore()).remove(name)
        Output.line("removed remote \(name)")
    }
}
