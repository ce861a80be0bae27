import ArgumentParser
import Foundation
import Store

struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage this replica's signing keys.", subcommands: [New.self, List.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new key and print its public key (give that to a lead).",
            discussion: "Inside a project the key goes into the replica's keyring; outside one, into --file PATH (mode 0600).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The key's name (usually your member name).")
        var name: String

        @Option(help: "Write the private key to this file instead of a project's keyring.")
        var file: String?

        func run() throws {
            if let file {
                let key = SigningKey()
                let url = URL(fileURLWithPath: file)
                guard !FileManager.default.fileExists(atPath: url.path) else {
                    throw AccordError("key_exists", "\(file) already exists; refusing to overwrite a key")
                }
                try Keyring.writeKeyFile(key, to: url)
                print(key.publicHex)
                return
            }
            let store: Store
            do { store = try global.openStore() } catch {
                throw AccordError("not_a_project", "not inside an accord project: give --file PATH to write the key to a file")
            }
            print(try store.keyring.create(name).publicHex)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keyring's keys and whose they are.")

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
}
