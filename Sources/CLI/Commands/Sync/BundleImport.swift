import ArgumentParser
import Foundation
import Store
import Sync

struct BundleImport: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Receive every event in FILE, each validated as sync does.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The bundle file.") var file: String

    func run() throws {
        let outcomes = try EventBundle.import(try global.openStore(), from: URL(fileURLWithPath: file))
        let accepted = outcomes.filter { $0 == .accepted }.count, duplicate = outcomes.filter { $0 == .duplicate }.count
        Output.line("\(accepted) new, \(duplicate) already held, \(outcomes.count - accepted - duplicate) refused")
        var refused = 0
        for (line, outcome) in outcomes.enumerated() {
            if case .rejected(let error) = outcome {
                refused += 1
                if refused <= 10 { Output.line("  line \(line + 1): \(error.message) [\(error.code)]") }
            }
        }
        if refused > 0 { throw ExitCode(3) }
    }
}
