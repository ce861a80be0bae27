import ArgumentParser
import Project
import Store

struct MemberRemove: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a member: their later events are refused (leads only).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The member's name.") var member: String

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).removeMember(member, by: try global.key(in: store))
        Output.line("removed \(member)")
    }
}
