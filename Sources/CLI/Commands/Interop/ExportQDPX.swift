import ArgumentParser
import Foundation
import Project
import Store

struct ExportQDPX: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "qdpx",
        abstract: "Write the project as a REFI-QDA project (.qdpx) that ATLAS.ti, NVivo, MAXQDA and QualCoder open.",
        discussion: """
            Users (one per member who coded or wrote a memo), the code tree, the documents' text, a selection per \
            coding with its coder and time, memos as notes, and a set per coder of the documents they marked done. \
            GUIDs are stable: derived from accord's ids, or the ones things came in with. Blind coding applies.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The .qdpx file to write.") var file: String

    func run() throws {
        let store = try global.openStore()
        let bar = ProgressBar(label: "export")
        let s = try Replica(store: store).exportQDPX(to: URL(fileURLWithPath: file), reader: try global.readerKey(in: store),
                                                     progress: bar.update)
        Output.line("wrote \(file): \(s.users) users, \(s.codes) codes, \(s.documents) documents, \(s.codings) codings, "
            + "\(s.notes) notes, \(s.doneSets) done sets")
        if s.skippedCodings > 0 { Output.line("\(s.skippedCodings) coding(s) on retired codes or documents left out") }
        if s.skippedMemos > 0 { Output.line("\(s.skippedMemos) memo(s) about retired things left out") }
    }
}
