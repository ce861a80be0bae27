import ArgumentParser
import Store
import Sync

struct RemoteAdd: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a remote: a name for another replica's URL.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A short name, e.g. hub.") var name: String
    @Argument(help: "Its URL, e.g. http://10.0.0.5:8470.") var url: String
    @Option(help: "A PEM CA certificate to trust for an https:// URL; default: the system's.") var ca: String?

    func run() throws {
        try Remotes(store: try global.openStore()).add(name, url, ca: ca)
        Output.line("remote \(name) → \(url)")
    }
}
