import ArgumentParser
import Store

struct CodeList: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The codebook as a tree.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Flag(help: "Include retired and merged codes.") var all = false

    func run() throws {
        let store = try global.openStore()
        let catalog = try store.catalog(at: read.moment())
        let codes = catalog.codes.filter { all || (!$0.retired && $0.mergedInto == nil) }
        if read.json {
            Output.json(.object(["codes": .array(codes.map { c in
                ["id": .string(c.id), "path": .string(c.path), "name": .string(c.name),
                 "parent": c.parent.map { .string($0) } ?? .null, "description": .string(c.description),
                 "color": c.color.map { .string($0) } ?? .null, "exclusive": .bool(c.exclusive), "codable": .bool(c.codable),
                 "retired": .bool(c.retired),
                 "merged_into": c.mergedInto.map { .string($0) } ?? .null]
            })]))
            return
        }
        let children = Dictionary(grouping: codes, by: { $0.parent ?? "" })
        let ids = Set(codes.map(\.id))
        func walk(_ parent: String, _ depth: Int) {
            for c in (children[parent] ?? []).sorted(by: { $0.name < $1.name }) {
                var line = String(repeating: "  ", count: depth) + c.name
                if c.exclusive { line += "  [exclusive]" }
                if !c.codable { line += "  [not codable]" }
                if c.retired { line += "  (retired)" }
                if let into = c.mergedInto { line += "  (merged into \(catalog.path(ofCode: into)))" }
                if !c.description.isEmpty { line += "  — \(c.description)" }
                Output.line(line)
                walk(c.id, depth + 1)
            }
        }
        walk("", 0)
        // Codes whose parent is hidden (retired) still show, at the top.
        for c in codes where c.parent != nil && !ids.contains(c.parent!) { Output.line(c.path); walk(c.id, 1) }
    }
}
