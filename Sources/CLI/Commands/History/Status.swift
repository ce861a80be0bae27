import ArgumentParser
import Store

struct Status: ParsableCommand, TakesGlobalOptions {
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
