import ArgumentParser
import Store
import Sync

struct RemoteList: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List remotes.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let remotes = Remotes(store: try global.openStore()).all()
        if json { Output.json(.object(["remotes": .object(remotes.mapValues { .string($0) })])); return }
        Output.table(["NAME", "URL"], remotes.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })
    }
}
