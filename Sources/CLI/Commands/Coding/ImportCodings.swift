import ArgumentParser
import Foundation
import Project
import Store

struct ImportCodings: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "codings",
        abstract: "Import codings from CSV in one transaction.",
        discussion: "Header `document,start,end,code` (all rows by --as) or `coder,document,start,end,code` (each row by the keyring key of that coder). A bad row imports nothing.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw AccordError("unreadable_file", "cannot read \(file)") }
        guard let text = String(data: data, encoding: .utf8) else { throw AccordError("not_utf8", "\(file) is not UTF-8") }
        let store = try global.openStore()
        let count = try Replica(store: store).importCodings(csv: text, by: try global.key(in: store))
        Output.line("imported \(count) codings")
    }
}
