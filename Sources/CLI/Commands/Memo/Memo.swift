import ArgumentParser

struct Memo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analytic memos on documents, codes and codings.",
        subcommands: [MemoAdd.self, MemoList.self])
}
