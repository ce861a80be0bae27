import ArgumentParser
import Project
import Store

struct CodeChange: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "change", abstract: "Change a code's description, colour, parent, exclusivity or codability.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Code path or id.") var code: String
    @Option(help: "New description.") var description: String?
    @Option(help: "New colour (#rgb, #rrggbb, or 'none').") var color: String?
    @Option(help: "New parent path ('none' for the top level).") var parent: String?
    @Option(help: "true or false.") var exclusive: Bool?
    @Option(help: "true or false: false makes it a category that only groups other codes.") var codable: Bool?

    func run() throws {
        let store = try global.openStore()
        try Replica(store: store).changeCode(code, description: description, color: CodeChange.change(color), parent: CodeChange.change(parent),
                             exclusive: exclusive, codable: codable, by: try global.key(in: store))
        Output.line("changed \(code)")
    }

    /// An option that may clear a field: absent leaves it, `none` clears it.
    static func change(_ value: String?) -> String?? {
        value.map { $0 == "none" ? String?.none : String?.some($0) }
    }
}
