import ArgumentParser

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hand an auditor the whole history in a form they can check without accord.",
        subcommands: [AuditExportCommand.self])
}
