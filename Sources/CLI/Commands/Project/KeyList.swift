import ArgumentParser
import Store

struct KeyList: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the keyring's keys and whose they are.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let store = try global.openStore()
        let catalog = try store.catalog()
        let rows = try store.keyring.names().map { name -> [String] in
            let hex = try store.keyring.key(name).publicHex
            let member = catalog.member(forKey: hex)
            return [name, hex, member.map { "\($0.name) (\($0.role.rawValue))" } ?? "not a member"]
        }
        if json {
            Output.json(.object(["keys": .array(rows.map { ["name": .string($0[0]), "key": .string($0[1]), "member": .string($0[2])] })]))
        } else {
            Output.table(["NAME", "PUBLIC KEY", "MEMBER"], rows)
        }
    }
}
