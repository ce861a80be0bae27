import ArgumentParser
import Foundation
import Store
import Sync

struct Clone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a new replica of a served project; the source becomes remote `origin`.",
        discussion: "Your key must already be a member: give its public key (`accord key new NAME --file FILE`) to a lead first.")
    @Argument(help: "The serving replica's URL.") var url: String
    @Argument(help: "The folder to create the replica in.") var dir: String
    @Option(help: "Your private key file (from `accord key new NAME --file FILE`).") var key: String
    @Option(name: .customLong("as"), help: "The name to keep the key under in the new replica.") var name: String
    @Option(help: "A PEM CA certificate to trust for an https:// URL (kept with the remote); default: the system's.") var ca: String?

    func run() async throws {
        guard let base = URL(string: url), base.scheme != nil else { throw AccordError("bad_url", "`\(url)` is not a URL") }
        let root = URL(fileURLWithPath: dir)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let bar = ProgressBar(label: "clone")
        let (store, summary) = try await Replicator.clone(from: base, into: root, keyFile: URL(fileURLWithPath: key), as: name, ca: ca) { _, n in
            bar.update(n, max(n, 1))
        }
        let status = try store.status()
        Output.line("cloned \(status.name) (\(status.project)) into \(root.path): \(summary.pulled) events")
        Output.line("remote origin → \(url); you are \(name)")
    }
}

struct SyncCommand: AsyncParsableCommand {
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

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Move events through a file, for machines that never meet a network.",
        subcommands: [Export.self, Import.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write every event to FILE (JSON lines, exact bytes).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bundle file to write.") var file: String

        func run() throws {
            let count = try EventBundle.export(try global.openStore(), to: URL(fileURLWithPath: file))
            Output.line("wrote \(count) events to \(file)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Receive every event in FILE, each validated as sync does.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bundle file.") var file: String

        func run() throws {
            let outcomes = try EventBundle.import(try global.openStore(), from: URL(fileURLWithPath: file))
            let accepted = outcomes.filter { $0 == .accepted }.count, duplicate = outcomes.filter { $0 == .duplicate }.count
            Output.line("\(accepted) new, \(duplicate) already held, \(outcomes.count - accepted - duplicate) refused")
            var refused = 0
            for (line, outcome) in outcomes.enumerated() {
                if case .rejected(let error) = outcome {
                    refused += 1
                    if refused <= 10 { Output.line("  line \(line + 1): \(error.message) [\(error.code)]") }
                }
            }
            if refused > 0 { throw ExitCode(3) }
        }
    }
}

struct Conflicts: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Codebook and adjudication conflicts, and equivocations.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions

    func run() throws {
        let store = try global.openStore()
        let moment = try read.moment()
        let conflicts = try store.conflicts(at: moment)
        let catalog = try store.catalog(at: moment)
        func describe(_ c: Conflict) -> String {
            switch c.kind {
            case .codebook: return catalog.code(id: c.thing)?.path ?? c.thing
            case .member: return catalog.members.first { $0.id == c.thing }?.name ?? c.thing
            case .adjudication, .equivocation: return c.kind == .equivocation ? catalog.name(ofKey: c.thing) : c.thing
            }
        }
        if read.json {
            Output.json(.object(["conflicts": .array(conflicts.map { c in
                ["kind": .string(c.kind.rawValue), "thing": .string(c.thing), "name": .string(describe(c)), "field": .string(c.field),
                 "sides": .array(c.sides.map { ["id": .string($0.id), "author": .string(catalog.name(ofKey: $0.author)), "value": .string($0.value)] })]
            })]))
            return
        }
        guard !conflicts.isEmpty else { Output.line("no conflicts"); return }
        for c in conflicts {
            Output.line("\(c.kind.rawValue): \(describe(c)) — \(c.field)")
            for (n, side) in c.sides.enumerated() {
                Output.line("   \(n == 0 ? "shown" : "     ")  \(side.value)  by \(catalog.name(ofKey: side.author))  (\(Output.short(side.id)))")
            }
        }
        Output.line("A lead resolves a codebook conflict with a new edit (e.g. `accord code rename`), which replaces every side.")
    }
}
