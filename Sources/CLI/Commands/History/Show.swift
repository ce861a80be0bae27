import ArgumentParser
import Foundation
import Store

struct Show: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "One event, whole.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Argument(help: "Event id (or a unique prefix of 8+ digits).") var event: String

    func run() throws {
        let store = try global.openStore()
        _ = try global.readerKey(in: store)
        let found = try store.event(event, at: try read.moment())
        if read.json { Output.jsonLine(found.text); return }
        let catalog = try store.catalog()
        Output.line("event   \(found.id)")
        Output.line("type    \(found.type.rawValue)")
        Output.line("author  \(catalog.name(ofKey: found.author)) (\(found.author))")
        Output.line("seq     \(found.seq)")
        Output.line("time    \(ISOTime.format(found.time))")
        Output.line("prev    \(found.prev ?? "none")")
        for (n, dep) in (found.deps.isEmpty ? ["none"] : found.deps).enumerated() {
            Output.line((n == 0 ? "deps    " : "        ") + dep)
        }
        Output.line("what    \(EventSummary.describe(found, catalog: catalog))")
        var body = found.body.json
        if case .object(var fields) = body, let text = fields["text"]?.stringValue, text.count > 200 {
            fields["text"] = .string(String(text.prefix(200)) + "…")
            body = .object(fields)
        }
        Output.line("body    \(CanonicalJSON.string(body))")
        Output.line("sig     \(found.sig)")
    }
}
