import ArgumentParser

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import work from files.", subcommands: [ImportCodings.self, ImportQDPX.self])
}
