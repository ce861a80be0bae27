import ArgumentParser
import Project
import Store

struct Recover: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        abstract: "Enter again your own codings that lost their effect (see `accord conflicts`), with your current key.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print {\"recovered\": [{from, coding}], \"skipped\": [{coding, reason}]}.") var json = false

    func run() throws {
        let store = try global.openStore()
        let recovery = try Replica(store: store).recoverVoidedCodings(by: try global.key(in: store))
        if json {
            Output.json([
                "recovered": .array(recovery.recovered.map { ["from": .string($0.from), "coding": .string($0.to.id)] }),
                "skipped": .array(recovery.skipped.map { ["coding": .string($0.id), "reason": .string($0.reason)] }),
            ])
            return
        }
        Output.line("recovered \(recovery.recovered.count) coding\(recovery.recovered.count == 1 ? "" : "s")")
        for (from, to) in recovery.recovered { Output.line("  \(from.prefix(12)) -> \(to.id.prefix(12))") }
        for (id, reason) in recovery.skipped { Output.line("  skipped \(id.prefix(12)): \(reason)") }
    }
}
