import ArgumentParser

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the project's work to files other tools read.",
        subcommands: [ExportCSV.self, ExportJSONL.self, ExportQDPX.self])
}
