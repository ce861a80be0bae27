import ArgumentParser
import Store

struct Verify: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "Re-check every event's bytes, id, signature and chain.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore()
        let bar = ProgressBar(label: "verify")
        let report = try store.verify(progress: bar.update)
        if let failure = report.failure {
            throw AccordError("verify_failed", "event \(failure.event) is broken: \(failure.error.message) [\(failure.error.code)]; \(report.events) events before it are sound")
        }
        Output.line("verified \(report.events) events: every id, signature and chain link checks")
    }
}
