import ArgumentParser
import Foundation
import Project
import Store

struct CodebookImport: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring a REFI-QDA codebook (.qdc) into the code tree, as one signed batch (leads only).",
        discussion: """
            Nesting, colours and descriptions come in, and each code keeps its GUID, so exporting it again names it \
            as the QDA tool that made it does. Codes already there (same GUID, else same path) are not defined twice.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The .qdc file to read.") var file: String

    func run() throws {
        let store = try global.openStore()
        let bar = ProgressBar(label: "import")
        let s = try Replica(store: store).importCodebook(from: URL(fileURLWithPath: file), by: try global.key(in: store),
                                                         progress: bar.update)
        for line in s.read.lines { Output.line(TerminalText.escaped(line)) }
        Output.line("defined \(s.tree.defined) codes; \(s.tree.matched) already in the codebook")
        if s.tree.renamed > 0 { Output.line("\(s.tree.renamed) code name(s) adjusted (a `/` became `∕`, or a repeated name got a number)") }
    }
}
