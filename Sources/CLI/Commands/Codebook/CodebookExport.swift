import ArgumentParser
import Foundation
import Project
import Store

struct CodebookExport: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the live code tree as a REFI-QDA codebook (.qdc).",
        discussion: "Each code's GUID is derived from its accord id, so every export names a code with the same GUID.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The .qdc file to write.") var file: String

    func run() throws {
        let store = try global.openStore()
        let codes = try Replica(store: store).exportCodebook(to: URL(fileURLWithPath: file))
        Output.line("wrote \(codes) codes to \(file)")
    }
}
