import ArgumentParser

struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Exchange the code tree with QDA tools (REFI-QDA .qdc).",
        subcommands: [CodebookExport.self, CodebookImport.self])
}
