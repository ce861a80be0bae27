import ArgumentParser

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Move events through a file, for machines that never meet a network.",
        subcommands: [BundleExport.self, BundleImport.self])
}
