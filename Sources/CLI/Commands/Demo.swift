import ArgumentParser
import Foundation
import Store

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a whole small project in a temporary folder and narrate it.")

    @Option(help: "Folder to build the demo in (default: a new temporary folder).") var dir: String?
    @Flag(help: "Keep the demo folder afterwards.") var keep = false

    func run() throws {
        let root = dir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("accord-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { if !keep && dir == nil { try? FileManager.default.removeItem(at: root) } }
        let demo = DemoRunner(root: root)
        print("accord demo — an audit of six fictional LLM developers' public documentation")
        print("project folder: \(root.path)")

        demo.say("The lead, Lena, starts the project and adds two coders with keys on this machine")
        try demo.run(["init", "--name", "LLM documentation audit"], as: "lena")
        let alice = try demo.run(["key", "new", "alice"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let bob = try demo.run(["key", "new", "bob"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try demo.run(["member", "add", "alice", "--key", alice, "--role", "coder"], as: "lena")
        try demo.run(["member", "add", "bob", "--key", bob, "--role", "coder"], as: "lena")
        try demo.run(["member", "list"])

        demo.say("Lena defines the codebook: a values lens and a data-practices lens")
        let codebook: [(String, String?, String)] = [
            ("values", nil, "Values the developer says the model should hold"),
            ("helpfulness", "values", "Being useful to the user"),
            ("honesty", "values", "Not deceiving; calibrated uncertainty"),
            ("harmlessness", "values", "Avoiding harm, refusing dangerous requests"),
            ("data", nil, "Where training signal comes from"),
            ("human preference data", "data", "People compare or rank model outputs"),
            ("synthetic data", "data", "Model-generated training data or feedback"),
            ("red-teaming", "data", "Adversarial testing by people"),
        ]
        for (name, parent, description) in codebook {
            try demo.run(["code", "add", name] + (parent.map { ["--parent", $0] } ?? []) + ["--description", description], as: "lena")
        }
        try demo.run(["code", "list"])

        demo.say("Lena adds six documents")
        let docs = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        var paths: [String] = []
        for (file, text) in DemoCorpus.documents {
            let url = docs.appendingPathComponent(file)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        try demo.run(["doc", "add"] + paths, as: "lena")
        try demo.run(["doc", "list"])

        demo.say("Alice and Bob code independently (each sees only their own work until they finish a document)")
        for (coder, code, doc, quote) in DemoCodings.first {
            try demo.run(["apply", code, doc, "--quote", quote], as: coder, quiet: coder == "bob")
        }
        print("   … and Bob's \(DemoCodings.first.filter { $0.0 == "bob" }.count) codings, applied the same way")
        let checkpoint = ISOTime.format(Store.nowMicros())
        try demo.run(["codings", "--doc", "northwind-model-card"], as: "bob")

        demo.say("Bob revises: he removes one coding and adds two more; both mark every document done")
        let bobsFirst = try demo.run(["codings", "--coder", "bob", "--code", "values/harmlessness", "--json"], as: "bob", quiet: true)
        if let json = try? JSONParser.parse(bobsFirst), let first = json["codings"]?.arrayValue?.first?["id"]?.stringValue {
            try demo.run(["unapply", first], as: "bob")
        }
        for (coder, code, doc, quote) in DemoCodings.second { try demo.run(["apply", code, doc, "--quote", quote], as: coder) }
        for doc in DemoCorpus.documents.map({ URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent }) {
            try demo.run(["done", doc], as: "alice", quiet: true)
            try demo.run(["done", doc], as: "bob", quiet: true)
        }
        print("$ accord done …   (each coder, each of the six documents)")
        try demo.run(["codings", "--doc", "northwind-model-card"], as: "bob")

        demo.say("The history: every action is a signed event")
        try demo.run(["log", "--type", "segment.uncoded"])
        try demo.run(["log", "--author", "lena", "--type", "member.added"])

        demo.say("An auditor checks every hash, chain link and signature")
        try demo.run(["verify"])
        try demo.run(["status"])

        demo.say("Replay: the codings as they stood before Bob's revision")
        try demo.run(["codings", "--coder", "bob", "--code", "values/harmlessness", "--at", checkpoint])
        try demo.run(["codings", "--coder", "bob", "--code", "values/harmlessness"])
        print("")
        print("Done. Every step above was an `accord` command; run `accord --help` to explore.")
    }
}

/// The demo's codings: (coder, code, document, quote).
enum DemoCodings {
    static let first: [(String, String, String, String)] = [
        ("alice", "values/helpfulness", "northwind-model-card", "trained to be helpful"),
        ("alice", "values/honesty", "northwind-model-card", "honest and harmless"),
        ("alice", "data/human preference data", "northwind-model-card", "annotators who rank pairs of answers"),
        ("alice", "data/red-teaming", "northwind-model-card", "internal red team of twelve people"),
        ("alice", "values/honesty", "lumen-safety-report", "should never deceive users"),
        ("alice", "data/synthetic data", "lumen-safety-report", "Most of our fine-tuning data is synthetic"),
        ("alice", "data/red-teaming", "lumen-safety-report", "external red-teaming exercise"),
        ("alice", "values/helpfulness", "quill-blog-post", "Quill's helpfulness comes from preference data"),
        ("alice", "data/human preference data", "quill-blog-post", "choose the better of two replies"),
        ("alice", "values/harmlessness", "meridian-charter", "harmless above all else"),
        ("alice", "data/synthetic data", "meridian-charter", "synthetic conversations generated in-house"),
        ("alice", "values/honesty", "orbit-faq", "say when it is unsure"),
        ("alice", "data/human preference data", "orbit-faq", "Paid raters compare model answers"),
        ("alice", "data/synthetic data", "tessellate-paper", "only synthetic feedback"),
        ("alice", "values/helpfulness", "tessellate-paper", "more helpful on our internal evaluation"),
        ("alice", "data/red-teaming", "tessellate-paper", "adversarial red-teaming study"),
        ("bob", "values/helpfulness", "northwind-model-card", "trained to be helpful"),
        ("bob", "values/harmlessness", "northwind-model-card", "honest and harmless"),
        ("bob", "data/human preference data", "northwind-model-card", "reinforcement learning from human feedback"),
        ("bob", "data/red-teaming", "northwind-model-card", "internal red team of twelve people"),
        ("bob", "values/honesty", "lumen-safety-report", "Honesty is measured"),
        ("bob", "data/synthetic data", "lumen-safety-report", "a larger model writes dialogues"),
        ("bob", "data/human preference data", "quill-blog-post", "those choices train a reward model"),
        ("bob", "data/red-teaming", "quill-blog-post", "We do not yet run a formal red team"),
        ("bob", "values/harmlessness", "meridian-charter", "harmless above all else"),
        ("bob", "data/synthetic data", "meridian-charter", "synthetic conversations generated in-house"),
        ("bob", "values/honesty", "orbit-faq", "Is Orbit honest?"),
        ("bob", "data/human preference data", "orbit-faq", "their preferences shape the final model"),
        ("bob", "data/synthetic data", "tessellate-paper", "a critic model replace human raters"),
        ("bob", "values/harmlessness", "tessellate-paper", "no less harmless"),
    ]

    static let second: [(String, String, String, String)] = [
        ("bob", "values/honesty", "northwind-model-card", "honest and harmless"),
        ("bob", "data/red-teaming", "lumen-safety-report", "three outside firms"),
    ]
}
