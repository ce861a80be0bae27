import ArgumentParser
import Project
import Store

struct MemberChange: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "change", abstract: "Rename a member or change their role (leads only).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The member's current name.") var member: String
    @Option(help: "A new name.") var name: String?
    @Option(help: "A new role: \(Role.choices).", transform: Role.parse) var role: Role?
    @Option(help: "Replace their key(s) with this public key (repeatable), e.g. after a lost or quarantined key.")
    var key: [String] = []

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).changeMember(member, newName: name, role: role, keys: key.isEmpty ? nil : key, by: try global.key(in: store))
        Output.line("changed \(member)")
    }
}
