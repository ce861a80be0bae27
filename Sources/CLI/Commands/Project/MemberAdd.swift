import ArgumentParser
import Project
import Store

struct MemberAdd: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a member bound to a public key (leads only).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The member's name.") var name: String
    @Option(help: "Their public key (from `accord key new`).") var key: String
    @Option(help: "\(Role.choices).", transform: Role.parse) var role: Role

    func run() throws {
        let store = try global.openStore()
        let event = try Replica(store: store).addMember(name: name, key: key, role: role, by: try global.key(in: store))
        Output.line("added \(name) as \(role.rawValue) (\(Output.short(event.id)))")
    }
}
