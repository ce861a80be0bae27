import ArgumentParser
import Foundation
import Store

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Counts, heads and the state digest.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions

    func run() throws {
        let store = try global.openStore()
        let moment = try read.moment()
        let status = try store.status(at: moment)
        if read.json {
            Output.json(.object([
                "project": .string(status.project), "name": .string(status.name), "events": .int(Int64(status.events)),
                "authors": .int(Int64(status.heads.count)), "heads": .object(status.heads.mapValues { .int($0) }),
                "state_digest": .string(status.stateDigest), "members": .int(Int64(status.members)),
                "documents": .int(Int64(status.documents)), "codes": .int(Int64(status.codes)), "codings": .int(Int64(status.codings)),
            ]))
            return
        }
        let catalog = try store.catalog(at: moment)
        Output.line("project       \(status.name) (\(status.project))")
        Output.line("events        \(status.events) by \(status.heads.count) author(s)")
        Output.line("members       \(status.members)   documents \(status.documents)   codes \(status.codes)   codings \(status.codings)")
        for (author, seq) in status.heads.sorted(by: { $0.key < $1.key }) {
            Output.line("head          \(catalog.name(ofKey: author)) at seq \(seq)")
        }
        Output.line("state_digest  \(status.stateDigest)")
    }
}

struct Verify: ParsableCommand {
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

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Refold every projection from the log.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore()
        let bar = ProgressBar(label: "rebuild")
        let count = try store.rebuild(progress: bar.update)
        Output.line("rebuilt projections from \(count) events; state_digest \(try store.stateDigest())")
    }
}
