import ArgumentParser

struct Member: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the project's members and their roles.",
        subcommands: [MemberAdd.self, MemberList.self, MemberChange.self, MemberRemove.self])
}
