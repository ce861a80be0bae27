import ArgumentParser
import Store

struct Conflicts: ParsableCommand, TakesGlobalOptions {
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
