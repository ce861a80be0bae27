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

    func validate() throws {
        _ = try base
    }

    /// The serving replica's URL, parsed.
    var base: URL {
        get throws(AccordError) {
            guard let base = URL(string: url), base.scheme != nil else { throw AccordError("bad_url", "`\(url)` is not a URL") }
            return base
        }
    }

    func run() async throws {
        let base = try base
        let root = URL(fileURLWithPath: dir)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let bar = ProgressBar(label: "clone")
        let (store, summary) = try await Replicator.clone(from: base, into: root, keyFile: URL(fileURLWithPath: key), as: name, ca: ca) { _, n in
            bar.update(n, max(n, 1))
        }
        let status = try store.status()
        Output.line("cloned \(status.name) (\(status.project)) into \(root.path): \(summary.pulled) events")
        Output.line("remote origin → \(url); you are \(name)")
        if let warning = try Self.keyInUseWarning(store, name: name) { Output.error(warning) }
    }

    /// A key that already signed events in the project is writing on another
    /// replica too: both writing offline forks its history (events/README
    /// §11.3). The clone goes ahead (restoring a lost laptop is exactly this),
    /// with the way to avoid it.
    static func keyInUseWarning(_ store: Store, name: String) throws -> String? {
        let key = try store.keyring.key(name)
        guard let seq = try store.authorHeads()[key.publicHex], seq > 0 else { return nil }
        return "warning: key \(name) already signed \(seq) event\(seq == 1 ? "" : "s") in this project on another replica. "
            + "Writing with one key on two machines forks its history; stop using it there, "
            + "or make a key for this machine (`accord key new`) and ask a lead to list both (`accord member change NAME --key OLD --key NEW`)."
    }
}
