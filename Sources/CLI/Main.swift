import ArgumentParser
import Foundation

/// The `accord` executable: global options given before the command are
/// moved after it, the command is parsed and run, and any error ends the
/// process as `Failure` describes.
@main
enum Main {
    static func main() async {
        MemoryArenas.cap()
        let args = GlobalOptions.movedAfterCommand(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try Accord.parseAsRoot(args)
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            Failure(error).exit()
        }
    }
}
