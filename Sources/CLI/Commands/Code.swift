import ArgumentParser
import Foundation
import Project
import Store

struct Code: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Define and evolve the codebook (leads only, except list).",
        subcommands: [Add.self, Rename.self, Change.self, Merge.self, Retire.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Define a code.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The code's name (no '/').") var name: String
        @Option(help: "Parent code path.") var parent: String?
        @Option(help: "What the code means and when to apply it.") var description = ""
        @Option(help: "Colour, #rgb or #rrggbb.") var color: String?
        @Flag(help: "Its children are mutually exclusive categories of one variable.") var exclusive = false

        func run() throws {
            let store = try global.openStore()
            let event = try Replica(store: store).defineCode(CodeDefinition(name: name, parent: parent, description: description, color: color,
                                                            exclusive: exclusive), by: try global.key(in: store))
            Output.line("defined \(parent.map { $0 + "/" } ?? "")\(name) (\(Output.short(event.id)))")
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a code; its codings keep it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Code path or id.") var code: String
        @Argument(help: "The new name.") var name: String

        func run() throws {
            let store = try global.openStore()
            try Replica(store: store).changeCode(code, newName: name, by: try global.key(in: store))
            Output.line("renamed \(code) to \(name)")
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a code's description, colour, parent or exclusivity.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Code path or id.") var code: String
        @Option(help: "New description.") var description: String?
        @Option(help: "New colour (#rgb, #rrggbb, or 'none').") var color: String?
        @Option(help: "New parent path ('none' for the top level).") var parent: String?
        @Option(help: "true or false.") var exclusive: Bool?

        func run() throws {
            let store = try global.openStore()
            let colorChange: String?? = color.map { $0 == "none" ? String?.none : String?.some($0) }
            let parentChange: String?? = parent.map { $0 == "none" ? String?.none : String?.some($0) }
            try Replica(store: store).changeCode(code, description: description, color: colorChange, parent: parentChange, exclusive: exclusive,
                                 by: try global.key(in: store))
            Output.line("changed \(code)")
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge a code into another; its codings count as the target.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The code to merge away.") var from: String
        @Argument(help: "The code it becomes.") var into: String

        func run() throws {
            let store = try global.openStore()
            try Replica(store: store).mergeCode(from, into: into, by: try global.key(in: store))
            Output.line("merged \(from) into \(into)")
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a code: no new codings; history stays.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Code path or id.") var code: String

        func run() throws {
            let store = try global.openStore()
            try Replica(store: store).retireCode(code, by: try global.key(in: store))
            Output.line("retired \(code)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The codebook as a tree.")
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
                     "color": c.color.map { .string($0) } ?? .null, "exclusive": .bool(c.exclusive), "retired": .bool(c.retired),
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
                    if c.retired { line += "  (retired)" }
                    if let into = c.mergedInto { line += "  (merged into \(catalog.code(id: into)?.path ?? into))" }
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
}
