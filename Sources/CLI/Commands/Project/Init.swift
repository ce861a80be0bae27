import ArgumentParser
import Foundation
import Project
import Store

struct Init: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "Start a new project here; you become its first lead.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The project's name.")
    var name: String

    func validate() throws {
        guard global.actorName != nil else {
            throw AccordError("unknown_key", "say who you are: accord init --name NAME --as YOUR_NAME")
        }
    }

    func run() throws {
        let me = global.actorName ?? ""
        let root = URL(fileURLWithPath: global.storePath ?? FileManager.default.currentDirectoryPath)
        let store = try Replica.initialize(at: root, projectName: name, as: me).store
        let key = try store.keyring.key(me)
        Output.line("Created project \"\(name)\" in \(store.directory.path)")
        Output.line("project \(try store.project() ?? "")")
        Output.line("you are \(me), lead, key \(key.publicHex)")
    }
}
