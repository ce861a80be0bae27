import ArgumentParser
import Foundation
import Project
import Store

struct AuditExportCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the log (exact bytes), the members' keys and a signed manifest into a new folder.",
        discussion: "Check it anywhere with `python3 events/verify.py DIR` (needs only the `cryptography` package).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A new or empty folder.") var directory: String
    @Flag(help: "Print the manifest as JSON.") var json = false

    func run() throws {
        let store = try global.openStore()
        let export = try Replica(store: store).exportAudit(to: URL(fileURLWithPath: directory), by: try global.key(in: store))
        if json {
            Output.json(export.manifest)
            return
        }
        Output.line("wrote \(export.events) events, keys.json and a signed manifest.json to \(directory)")
        if let digest = export.manifest["state_digest"]?.stringValue { Output.line("state_digest \(digest)") }
        Output.line("check it with: python3 events/verify.py \(directory)")
    }
}
