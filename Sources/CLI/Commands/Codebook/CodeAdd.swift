import ArgumentParser
import Project
import Store

struct CodeAdd: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Define a code.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The code's name (no '/').") var name: String
    @Option(help: "Parent code path.") var parent: String?
    @Option(help: "What the code means and when to apply it.") var description = ""
    @Option(help: "Colour, #rgb or #rrggbb.") var color: String?
    @Flag(help: "Its children are mutually exclusive categories of one variable.") var exclusive = false
    @Flag(help: "A category that only groups other codes: it cannot be applied itself.") var notCodable = false

    func run() throws {
        let store = try global.openStore()
        let event = try Replica(store: store).defineCode(CodeDefinition(name: name, parent: parent, description: description, color: color,
                                                        exclusive: exclusive, codable: !notCodable), by: try global.key(in: store))
        Output.line("defined \(parent.map { $0 + "/" } ?? "")\(name) (\(Output.short(event.id)))")
    }
}
