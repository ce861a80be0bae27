import ArgumentParser
import Foundation
import Store
import Sync

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a whole small project on loopback — a lead, two coders and a hub — and narrate it.")

    @Option(help: "Folder to build the demo in (default: a new temporary folder).") var dir: String?
    @Flag(help: "Keep the demo folder afterwards.") var keep = false

    func run() async throws {
        let root = dir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("accord-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { if !keep && dir == nil { try? FileManager.default.removeItem(at: root) } }
        for folder in ["lena", "alice", "bob", "hub"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let demo = DemoRunner(root: root)
        print("accord demo — an audit of six fictional LLM developers' public documentation")
        print("Four replicas in \(root.path): lena (lead), alice and bob (coders), and a hub, all on loopback.")

        demo.say("Alice, Bob and the hub make keys on their own machines and send Lena the public halves")
        let alice = try await demo.run(["key", "new", "alice", "--file", root.appendingPathComponent("alice/alice.key").path], in: "alice")
        let bob = try await demo.run(["key", "new", "bob", "--file", root.appendingPathComponent("bob/bob.key").path], in: "bob")
        let hub = try await demo.run(["key", "new", "hub", "--file", root.appendingPathComponent("hub/hub.key").path], in: "hub")

        demo.say("Lena starts the project and adds them: two coders and the hub as a mirror")
        try await demo.run(["init", "--name", "LLM documentation audit"], as: "lena", in: "lena")
        for (name, key, role) in [("alice", alice, "coder"), ("bob", bob, "coder"), ("hub", hub, "mirror")] {
            try await demo.run(["member", "add", name, "--key", key.trimmingCharacters(in: .whitespacesAndNewlines), "--role", role], as: "lena", in: "lena")
        }

        demo.say("Lena defines the codebook: a values lens and a data-practices lens")
        for (name, parent, description) in DemoCodebook.codes {
            try await demo.run(["code", "add", name] + (parent.map { ["--parent", $0] } ?? []) + ["--description", description], as: "lena", in: "lena")
        }
        try await demo.run(["code", "list"], in: "lena")

        demo.say("Lena adds six documents")
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        var paths: [String] = []
        for (file, text) in DemoCorpus.documents {
            let url = corpus.appendingPathComponent(file)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        try await demo.run(["doc", "add"] + paths, as: "lena", in: "lena")

        demo.say("The hub clones Lena's replica, then serves it; Alice and Bob clone the hub")
        let lenaServer = try await DemoServer.start(folder: root.appendingPathComponent("lena"))
        try await demo.run(["clone", lenaServer.url, root.appendingPathComponent("hub").path, "--key", root.appendingPathComponent("hub/hub.key").path, "--as", "hub"], in: "hub")
        await lenaServer.stop()
        let hubServer = try await DemoServer.start(folder: root.appendingPathComponent("hub"))
        print("hub$ accord serve --listen \(hubServer.url.dropFirst(7))     (running in the background)")
        try await demo.run(["remote", "add", "origin", hubServer.url], in: "lena")
        for coder in ["alice", "bob"] {
            try await demo.run(["clone", hubServer.url, root.appendingPathComponent(coder).path, "--key", root.appendingPathComponent("\(coder)/\(coder).key").path, "--as", coder], in: coder)
        }

        demo.say("Offline, Alice and Bob code the same documents independently")
        for (coder, code, doc, quote) in DemoCodings.first {
            try await demo.run(["apply", code, doc, "--quote", quote], in: coder, quiet: coder == "bob" || code.hasPrefix("data"))
        }
        print("   … and the rest of Alice's and all of Bob's \(DemoCodings.first.count) codings, applied the same way")
        let checkpoint = ISOTime.format(Store.nowMicros())
        demo.say("Bob revises before finishing: he removes one coding and adds two; both mark every document done")
        let bobsFirst = try await demo.run(["codings", "--code", "values/harmlessness", "--doc", "northwind-model-card", "--json"], in: "bob", quiet: true)
        if let id = (try? JSONParser.parse(bobsFirst))?["codings"]?.arrayValue?.first?["id"]?.stringValue {
            try await demo.run(["unapply", id], in: "bob")
        }
        for (coder, code, doc, quote) in DemoCodings.second { try await demo.run(["apply", code, doc, "--quote", quote], in: coder) }
        for doc in DemoCorpus.documents.map({ URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent }) {
            try await demo.run(["done", doc], in: "alice", quiet: true)
            try await demo.run(["done", doc], in: "bob", quiet: true)
        }
        print("alice$ accord done …   bob$ accord done …   (each of the six documents)")

        demo.say("They meet a network: everyone syncs through the hub")
        try await demo.run(["sync"], in: "alice")
        try await demo.run(["sync"], in: "bob")
        try await demo.run(["sync"], in: "alice")
        try await demo.run(["sync"], in: "lena")

        demo.say("Every replica now holds the same events and the same state")
        var digests: Set<String> = []
        for folder in ["lena", "alice", "bob", "hub"] {
            let status = try await demo.run(["status", "--json"], in: folder, quiet: true)
            let digest = (try? JSONParser.parse(status))?["state_digest"]?.stringValue ?? "?"
            let events = (try? JSONParser.parse(status))?["events"]?.intValue ?? 0
            print("\(folder.padding(toLength: 6, withPad: " ", startingAt: 0)) \(events) events  state_digest \(digest)")
            digests.insert(digest)
        }
        print(digests.count == 1 ? "✓ all four replicas agree" : "✗ replicas differ")

        demo.say("Agreement between Alice and Bob (the same table on every replica)")
        try await demo.run(["agreement"], in: "lena")
        let alicesTable = try await demo.run(["agreement", "--json"], in: "alice", quiet: true)
        let lenasTable = try await demo.run(["agreement", "--json"], in: "lena", quiet: true)
        print(alicesTable == lenasTable ? "✓ alice's replica computes the identical table" : "✗ tables differ")

        demo.say("The history: every action is a signed event")
        try await demo.run(["log", "--type", "segment.uncoded"], in: "lena")
        try await demo.run(["verify"], in: "lena")

        demo.say("Replay: Bob's harmlessness codings as they stood before his revision, then now")
        try await demo.run(["codings", "--coder", "bob", "--code", "values/harmlessness", "--at", checkpoint], in: "lena")
        try await demo.run(["codings", "--coder", "bob", "--code", "values/harmlessness"], in: "lena")
        await hubServer.stop()
        print("")
        print("Done. Every step above was an `accord` command; run `accord --help` to explore.")
    }
}
