import ArgumentParser
import Project
import Store

struct Blame: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        abstract: "One coding's history: who made it and when, its code then and now, withdrawal, memos and adjudications.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The coding (id or a prefix of 8+ digits).") var coding: String
    @Flag(help: "Print one JSON document instead of text.") var json = false

    func run() throws {
        let store = try global.openStore()
        let blame = try Replica(store: store).blame(coding)
        let catalog = blame.catalog
        let c = blame.coding
        func step(_ s: BlameReport.Step) -> JSONValue {
            ["kind": .string(s.kind), "event": .string(s.event), "by": .string(s.author), "time": .string(ISOTime.format(s.time)),
             "detail": .string(s.detail)]
        }
        func paths(_ codes: [String]) -> [String] { codes.map { catalog.path(ofCode: $0) } }
        if json {
            Output.json([
                "coding": .string(c.id), "coder": .string(catalog.name(ofKey: c.author)), "author": .string(c.author),
                "time": .string(ISOTime.format(c.time)), "document": .string(blame.document.title), "document_id": .string(blame.document.id),
                "start": .int(Int64(c.start)), "end": .int(Int64(c.end)), "text": .string(blame.text),
                "code": ["id": .string(c.code), "then": .string(blame.codeThen), "now": .string(blame.codeNow),
                         "now_id": .string(blame.currentCode), "retired": .bool(blame.currentCodeRetired),
                         "history": .array(blame.codeHistory.map(step))],
                "withdrawn": blame.withdrawal.map(step) ?? .null,
                "memos": .array(blame.memos.map { m in
                    ["id": .string(m.id), "author": .string(catalog.name(ofKey: m.author)), "time": .string(ISOTime.format(m.time)),
                     "text": .string(m.text)]
                }),
                "adjudications": .array(blame.adjudications.map { d, standing in
                    ["event": .string(d.id), "lead": .string(catalog.name(ofKey: d.author)), "time": .string(ISOTime.format(d.time)),
                     "start": .int(Int64(d.start)), "end": .int(Int64(d.end)),
                     "codes": .array(paths(d.codes).map { .string($0) }), "note": .string(d.note),
                     "base": .array(d.base.map { .string($0) }), "standing": .bool(standing)]
                }),
            ])
            return
        }
        Output.line("coding \(c.id)")
        Output.line("  \(catalog.name(ofKey: c.author)) coded \(blame.document.title) \(c.start):\(c.end) at \(ISOTime.format(c.time))")
        Output.line("  text: \(Excerpt.line(blame.text, limit: 200))")
        Output.line("  code then: \(blame.codeThen)")
        Output.line("  code now:  \(blame.codeNow)\(blame.currentCodeRetired ? " (retired)" : "")")
        for s in blame.codeHistory {
            Output.line("    \(ISOTime.format(s.time))  \(s.kind) \(s.detail)  by \(s.author)  (\(Output.short(s.event)))")
        }
        if let w = blame.withdrawal {
            Output.line("  withdrawn by \(w.author) at \(ISOTime.format(w.time))  (\(Output.short(w.event)))")
        }
        Output.line(blame.memos.isEmpty ? "  memos: none" : "  memos:")
        for m in blame.memos {
            Output.line("    \(ISOTime.format(m.time))  \(catalog.name(ofKey: m.author)): \(Excerpt.line(m.text, limit: 200))  (\(Output.short(m.id)))")
        }
        Output.line(blame.adjudications.isEmpty ? "  adjudications: none" : "  adjudications:")
        for (d, standing) in blame.adjudications {
            let codes = paths(d.codes)
            Output.line("    \(ISOTime.format(d.time))  \(catalog.name(ofKey: d.author)) decided \(d.start):\(d.end) → \(codes.isEmpty ? "(none)" : codes.joined(separator: ", "))\(standing ? "" : " (replaced)")\(d.note.isEmpty ? "" : " — \(d.note)")  (\(Output.short(d.id)))")
        }
    }
}
