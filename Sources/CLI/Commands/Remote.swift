import ArgumentParser
import Foundation
import Store
import Sync

struct Remote: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Name the replicas this one syncs with.", subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a remote: a name for another replica's URL.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short name, e.g. hub.") var name: String
        @Argument(help: "Its URL, e.g. http://10.0.0.5:8470.") var url: String
        @Option(help: "A PEM CA certificate to trust for an https:// URL; default: the system's.") var ca: String?

        func run() throws {
            try Remotes(store: try global.openStore()).add(name, url, ca: ca)
            Output.line("remote \(name) → \(url)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List remotes.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let remotes = Remotes(store: try global.openStore()).all()
            if json { Output.json(.object(["remotes": .object(remotes.mapValues { .string($0) })])); return }
            Output.table(["NAME", "URL"], remotes.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a remote.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its name.") var name: String

        func run() throws {
            try Remotes(store: try global.openStore()).remove(name)
            Output.line("removed remote \(name)")
        }
    }
}
