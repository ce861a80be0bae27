import ArgumentParser
import Foundation
import Store
import Sync

struct SyncCommand: AsyncParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull what a remote has and push what it lacks; run again to resume.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote's name.") var remote = "origin"
    @Flag(help: "Print the summary as JSON.") var json = false
    @Option(help: "A PEM CA certificate to trust for this https:// remote from now on.") var ca: String?

    func run() async throws {
        let store = try global.openStore()
        let remotes = Remotes(store: store)
        if let ca { try remotes.update(remote, ca: ca) }
        let client = try remotes.remote(remote).client(key: try global.key(in: store),
                                                       clockFile: store.directory.appendingPathComponent("request-clock"))
        let bar = ProgressBar(label: "sync")
        let summary = try await Replicator(store: store, client: client).run { _, n in bar.update(n, max(n, 1)) }
        if let replica = client.replica { try remotes.update(remote, replica: replica) }
        if json {
            Output.json([
                "remote": .string(remote), "pulled": .int(Int64(summary.pulled)), "pushed": .int(Int64(summary.pushed)),
                "requests": .int(Int64(summary.requests)), "bytes_sent": .int(Int64(summary.bytesSent)),
                "bytes_received": .int(Int64(summary.bytesReceived)),
                "rejected": .array((summary.pullRejected.map { ($0, "pull") } + summary.pushRejected.map { ($0.error, "push") }).map {
                    ["direction": .string($0.1), "code": .string($0.0.code), "message": .string($0.0.message)]
                }),
                "state_digest": .string(try store.stateDigest()),
            ])
        } else {
            if summary.upToDate && summary.pullRejected.isEmpty && summary.pushRejected.isEmpty {
                Output.line("\(remote): up to date")
            } else {
                Output.line("\(remote): pulled \(summary.pulled) event(s), pushed \(summary.pushed) event(s)")
            }
            for error in summary.pullRejected.prefix(10) { Output.line("  refused from \(remote): \(error.message) [\(error.code)]") }
            for (id, error) in summary.pushRejected.prefix(10) {
                Output.line("  \(remote) refused \(id.map { String($0.prefix(12)) } ?? "an event"): \(error.message) [\(error.code)]")
            }
            Output.line("state_digest \(try store.stateDigest())")
        }
        if !summary.pullRejected.isEmpty || !summary.pushRejected.isEmpty { throw ExitCode(3) }
    }
}
