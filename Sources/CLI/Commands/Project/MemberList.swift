import ArgumentParser
import Store

struct MemberList: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List members, their roles and keys.")
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
