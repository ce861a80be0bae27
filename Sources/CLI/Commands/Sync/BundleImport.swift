import ArgumentParser
import Foundation
import Store
import Sync

struct BundleImport: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Receive every event in FILE, each validated as sync does; one refused line and nothing is imported.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The bundle file.") var file: String

    func run() throws {
        let outcomes = try EventBundle.import(try global.openStore(), from: URL(fileURLWithPath: file))
        let accepted = outcomes.filter { $0 == .accepted }.count
        Output.line("\(accepted) new, \(outcomes.count - accepted) already held, 0 refused")
    }
}
