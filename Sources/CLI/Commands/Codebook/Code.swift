import ArgumentParser

struct Code: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Define and evolve the codebook (leads only, except list).",
        subcommands: [CodeAdd.self, CodeRename.self, CodeChange.self, CodeMerge.self, CodeRetire.self, CodeList.self])
}
