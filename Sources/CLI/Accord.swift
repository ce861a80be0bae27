import ArgumentParser

/// accord: signed, replicated qualitative coding.
struct Accord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Collaborative qualitative coding on a signed, replicated event log.",
        discussion: "Global options --store PATH and --as NAME may come before or after the command.",
        subcommands: [
            Init.self, Key.self, Member.self, Doc.self, Code.self, Apply.self, Unapply.self, Recover.self, Import.self, Done.self,
            Memo.self, Codings.self, AgreementCommand.self, Disagreements.self, Resolve.self, Log.self, Show.self, Blame.self,
            Status.self, Verify.self, Rebuild.self, Conflicts.self, Audit.self, Export.self, Report.self, CodebookCommand.self,
            Serve.self, Remote.self, Clone.self, SyncCommand.self, BundleCommand.self, Demo.self,
        ]
    )
}
