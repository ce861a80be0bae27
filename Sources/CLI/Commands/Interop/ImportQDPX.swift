import ArgumentParser
import Foundation
import Project
import Store

struct ImportQDPX: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "qdpx",
        abstract: "Bring a REFI-QDA project (.qdpx) into this project, as one signed batch (leads only).",
        discussion: """
            The code tree and sources come in with their GUIDs; each REFI user who coded gets a local key that you \
            hold, and is added as a coder, so their codings stay theirs and agreement between them works. Selections \
            without a coding are skipped, unknown elements ignored, and both counted. Importing the same file twice \
            adds nothing the second time.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The .qdpx file to read.") var file: String

    func run() throws {
        let store = try global.openStore()
        let bar = ProgressBar(label: "import")
        let s = try Replica(store: store).importQDPX(from: URL(fileURLWithPath: file), by: try global.key(in: store),
                                                     progress: bar.update)
        for line in s.read.lines { Output.line(TerminalText.escaped(line)) }
        Output.line("added \(s.documents) documents (\(s.matchedDocuments) already here), defined \(s.tree.defined) codes "
            + "(\(s.tree.matched) already here), \(s.codings) codings (\(s.matchedCodings) already here), "
            + "\(s.doneMarks) done marks, \(s.memos) memos")
        let made = s.coders.filter(\.new).map(\.name)
        if !made.isEmpty {
            Output.line(TerminalText.escaped("made a key for each REFI user who coded (\(made.joined(separator: ", "))) and added them "
                + "as coders; this replica holds those keys, and their codings are signed with them"))
        }
        let reused = s.coders.filter { !$0.new }.map(\.name)
        if !reused.isEmpty { Output.line(TerminalText.escaped("codings by \(reused.joined(separator: ", ")) signed with their keys held here")) }
        if s.codingsWithoutUser > 0 { Output.line("\(s.codingsWithoutUser) coding(s) name no user: signed with your key") }
        if s.tree.renamed > 0 { Output.line("\(s.tree.renamed) code name(s) adjusted (a `/` became `∕`, or a repeated name got a number)") }
    }
}
