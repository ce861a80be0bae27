import ArgumentParser
import Foundation
import Project
import Store

struct ExportCSV: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Write the current codings as a tidy CSV for R or pandas.",
        discussion: "One row per coding: coder, document, start, end, code, text, time, coding. Blind coding applies as in `accord codings`.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file to write.") var file: String

    func run() throws {
        let store = try global.openStore()
        let rows = try Replica(store: store).exportTidyCSV(to: URL(fileURLWithPath: file), reader: try global.readerKey(in: store))
        Output.line("wrote \(rows) codings to \(file)")
    }
}
