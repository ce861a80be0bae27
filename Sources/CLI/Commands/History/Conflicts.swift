import ArgumentParser
import Store

struct Conflicts: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        abstract: "Concurrent edits of one field, forked authors, and events that lost their effect.",
        discussion: """
            A conflict is two edits of one field that neither author had seen; a lead settles it with a new edit. \
            A fork is one key that signed two events at one seq (one key used on two machines); it heals when that \
            key writes again on a replica holding both sides. A voided event is kept but has no effect: a removal, \
            demotion or key replacement its author had not seen, or what rested on such an event.
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Flag(help: "Also list forks that have healed.") var all = false

    func run() throws {
        let store = try global.openStore()
        let moment = try read.moment()
        let conflicts = try store.conflicts(at: moment)
        let forks = try store.forks(at: moment).filter { all || $0.open }
        let voided = try store.voided(at: moment)
        let catalog = try store.catalog(at: moment)
        func describe(_ c: Conflict) -> String {
            switch c.kind {
            case .codebook: return catalog.path(ofCode: c.thing)
            case .member: return catalog.members.first { $0.id == c.thing }?.name ?? c.thing
            case .adjudication:
                // The unit as `resolve` takes it: DOCUMENT:START-END.
                let parts = c.thing.split(separator: ":")
                guard parts.count == 3, let doc = catalog.document(id: String(parts[0])) else { return c.thing }
                return "\(doc.title):\(parts[1])-\(parts[2])"
            }
        }
        if read.json {
            Output.json(.object([
                "conflicts": .array(conflicts.map { c in
                    ["kind": .string(c.kind.rawValue), "thing": .string(c.thing), "name": .string(describe(c)), "field": .string(c.field),
                     "sides": .array(c.sides.map { ["id": .string($0.id), "author": .string(catalog.name(ofKey: $0.author)), "value": .string($0.value)] })]
                }),
                "forks": .array(forks.map { f in
                    ["author": .string(f.author), "name": .string(catalog.name(ofKey: f.author)), "seq": .int(f.seq),
                     "ids": .array(f.ids.map { .string($0) }), "open": .bool(f.open)]
                }),
                "voided": .array(voided.map { v in ["id": .string(v.id), "reason": .string(v.reason), "cause": .string(v.cause)] }),
            ]))
            return
        }
        guard !conflicts.isEmpty || !forks.isEmpty || !voided.isEmpty else { Output.line("no conflicts"); return }
        for c in conflicts {
            Output.line("\(c.kind.rawValue): \(describe(c)) — \(c.field)")
            for (n, side) in c.sides.enumerated() {
                Output.line("   \(n == 0 ? "shown" : "     ")  \(side.value)  by \(catalog.name(ofKey: side.author))  (\(Output.short(side.id)))")
            }
        }
        if !conflicts.isEmpty {
            Output.line("A lead resolves a codebook conflict with a new edit (e.g. `accord code rename`), and an adjudication conflict with `accord resolve UNIT`; either replaces every side.")
        }
        for f in forks {
            Output.line("fork: \(catalog.name(ofKey: f.author)) signed \(f.ids.count) events at seq \(f.seq)\(f.open ? "" : " (healed)"): "
                + f.ids.map(Output.short).joined(separator: ", "))
        }
        if forks.contains(where: \.open) {
            Output.line("Both sides of a fork take effect. It heals when that key writes again on a replica holding both sides (sync, then work).")
        }
        for v in voided {
            Output.line("voided: \(Output.short(v.id)) — \(v.reason.replacingOccurrences(of: "_", with: " ")), because of \(Output.short(v.cause))")
        }
        if !voided.isEmpty {
            Output.line("Voided events stay in the log without effect; `accord show ID` shows one, `accord recover` enters your own codings again.")
        }
    }
}
