import ArgumentParser
import Store

struct Rebuild: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "Refold every projection from the log.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore()
        let bar = ProgressBar(label: "rebuild")
        let count = try store.rebuild(progress: bar.update)
        Output.line("rebuilt projections from \(count) events; state_digest \(try store.stateDigest())")
    }
}
