import ArgumentParser
import Foundation
import Store
import Sync

struct BundleExport: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write every event to FILE (JSON lines, exact bytes).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The bundle file to write.") var file: String

    func run() throws {
        let count = try EventBundle.export(try global.openStore(), to: URL(fileURLWithPath: file))
        Output.line("wrote \(count) events to \(file)")
    }
}
