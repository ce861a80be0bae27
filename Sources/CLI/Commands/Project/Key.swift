import ArgumentParser

struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage this replica's signing keys.", subcommands: [KeyNew.self, KeyList.self])
}
