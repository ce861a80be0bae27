import ArgumentParser
import Foundation
import Project
import Store

struct DocAdd: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add UTF-8 text files as documents (leads only).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Text files.") var files: [String]
    @Option(help: "Title (one file only; default: the file name without extension).") var title: String?
    @Option(help: "Metadata key=value, repeatable.") var meta: [String] = []

    func validate() throws {
        guard !files.isEmpty else { throw AccordError("no_files", "name at least one file to add") }
        if title != nil, files.count > 1 { throw AccordError("bad_title", "--title needs exactly one file") }
        _ = try metadata
    }

    /// The `--meta` pairs as a dictionary.
    var metadata: [String: String] {
        get throws(AccordError) {
            var metadata: [String: String] = [:]
            for pair in meta {
                guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                    throw AccordError("bad_meta", "--meta takes key=value; got `\(pair)`")
                }
                metadata[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
            }
            return metadata
        }
    }

    func run() throws {
        let metadata = try metadata
        let store = try global.openStore()
        let key = try global.key(in: store)
        let loaded = try files.map { (path) throws(AccordError) -> (String, Data) in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AccordError("unreadable_file", "cannot read \(path)")
            }
            return (title ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, data)
        }
        let events = try Replica(store: store).addDocuments(loaded.map { (data: $0.1, title: $0.0) }, meta: metadata, by: key)
        for event in events {
            guard case .documentAdded(let added) = event.body else { continue }
            Output.line("added \(added.title) (\(Output.short(event.id)), \(added.length) characters)")
        }
    }
}
