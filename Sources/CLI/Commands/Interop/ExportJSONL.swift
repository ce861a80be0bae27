import ArgumentParser
import Foundation
import Project
import Store

struct ExportJSONL: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Write every event's exact bytes, one per line, each after the events it names.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The JSON Lines file to write.") var file: String

    func run() throws {
        let store = try global.openStore()
        let events = try Replica(store: store).exportEventsJSONL(to: URL(fileURLWithPath: file))
        Output.line("wrote \(events) events to \(file)")
    }
}
