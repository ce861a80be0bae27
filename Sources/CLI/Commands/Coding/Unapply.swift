import ArgumentParser
import Project
import Store

struct Unapply: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "Remove a coding (your own; leads may remove any).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Coding id (or a unique prefix of 8+ digits).") var coding: String

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).unapply(coding: coding, by: try global.key(in: store))
        Output.line("removed coding \(coding)")
    }
}
