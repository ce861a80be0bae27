import ArgumentParser
import Foundation
import Store

/// accord: signed, replicated qualitative coding.
struct Accord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Collaborative qualitative coding on a signed, replicated event log.",
        discussion: "Global options --store PATH and --as NAME may come before or after the command.",
        subcommands: [
            Init.self, Key.self, Member.self, Doc.self, Code.self, Apply.self, Unapply.self, Import.self, Done.self,
            Codings.self, AgreementCommand.self, Log.self, Show.self, Status.self, Verify.self, Rebuild.self, Conflicts.self,
            Serve.self, Remote.self, Clone.self, SyncCommand.self, BundleCommand.self, Demo.self,
        ]
    )
}

@main
enum Main {
    static func main() async {
        var args = Array(CommandLine.arguments.dropFirst())
        GlobalOptions.liftLeading(&args)
        do {
            var command = try Accord.parseAsRoot(args)
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let error as AccordError {
            Output.error("accord: \(error.message) [\(error.code)]")
            exit(1)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            Accord.exit(withError: error)
        }
    }
}
