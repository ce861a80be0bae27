import ArgumentParser
import Foundation
import Project
import Store

struct Member: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the project's members and their roles.",
        subcommands: [Add.self, List.self, Change.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member bound to a public key (leads only).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The member's name.") var name: String
        @Option(help: "Their public key (from `accord key new`).") var key: String
        @Option(help: "lead, coder, auditor or mirror.") var role: Role

        func run() throws {
            let store = try global.openStore()
            let event = try Replica(store: store).addMember(name: name, key: key, role: role, by: try global.key(in: store))
            Output.line("added \(name) as \(role.rawValue) (\(Output.short(event.id)))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List members, their roles and keys.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var read: ReadOptions
        @Flag(help: "Include removed members.") var all = false

        func run() throws {
            let store = try global.openStore()
            let members = try store.catalog(at: read.moment()).members.filter { all || !$0.removed }
            if read.json {
                Output.json(.object(["members": .array(members.map {
                    ["id": .string($0.id), "name": .string($0.name), "role": .string($0.role.rawValue),
                     "keys": .array($0.keys.map { .string($0) }), "removed": .bool($0.removed)]
                })]))
                return
            }
            Output.table(["NAME", "ROLE", "KEY", "ID"], members.map {
                [$0.name + ($0.removed ? " (removed)" : ""), $0.role.rawValue, $0.keys.map { Output.short($0) }.joined(separator: ","), Output.short($0.id)]
            })
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a member or change their role (leads only).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The member's current name.") var member: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "A new role.") var role: Role?
        @Option(help: "Replace their key(s) with this public key (repeatable), e.g. after a lost or quarantined key.")
        var key: [String] = []

        func run() throws {
            let store = try global.openStore()
            try Replica(store: store).changeMember(member, newName: name, role: role, keys: key.isEmpty ? nil : key, by: try global.key(in: store))
            Output.line("changed \(member)")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a member: their later events are refused (leads only).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The member's name.") var member: String

        func run() throws {
            let store = try global.openStore()
            try Replica(store: store).removeMember(member, by: try global.key(in: store))
            Output.line("removed \(member)")
        }
    }
}

extension Role: ExpressibleByArgument {}
