import ArgumentParser
import Foundation
import Store

struct KeyNew: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "new",
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
            Output.line(key.publicHex)
            return
        }
        let store: Store
        do { store = try global.openStore() } catch {
            throw AccordError("not_a_project", "not inside an accord project: give --file PATH to write the key to a file")
        }
        Output.line(try store.keyring.create(name).publicHex)
    }
}
