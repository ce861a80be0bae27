import ArgumentParser

struct Doc: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, list, show and retire documents.", subcommands: [DocAdd.self, DocList.self, DocShow.self, DocRetire.self])
}
