import ArgumentParser
import Foundation
import Project
import Store

struct Doc: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, list, show and retire documents.", subcommands: [Add.self, List.self, Show.self, Retire.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add UTF-8 text files as documents (leads only).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Text files.") var files: [String]
        @Option(help: "Title (one file only; default: the file name without extension).") var title: String?
        @Option(help: "Metadata key=value, repeatable.") var meta: [String] = []

        func run() throws {
            guard !files.isEmpty else { throw AccordError("no_files", "name at least one file to add") }
            if title != nil, files.count > 1 { throw AccordError("bad_title", "--title needs exactly one file") }
            var metadata: [String: String] = [:]
            for pair in meta {
                guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                    throw AccordError("bad_meta", "--meta takes key=value; got `\(pair)`")
                }
                metadata[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
            }
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

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List documents and who has finished them.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var read: ReadOptions
        @Flag(help: "Include retired documents.") var all = false

        func run() throws {
            let store = try global.openStore()
            let listing = try Replica(store: store).documents(at: read.moment())
            let documents = listing.catalog.documents.filter { all || !$0.retired }
            let doneBy = listing.doneBy
            if read.json {
                Output.json(.object(["documents": .array(documents.map { doc in
                    ["id": .string(doc.id), "title": .string(doc.title), "length": .int(Int64(doc.length)),
                     "sha256": .string(doc.sha256), "retired": .bool(doc.retired), "done_by": .array(doneBy(doc).map { .string($0) }),
                     "meta": .object(doc.meta.mapValues { .string($0) }), "time": .string(ISOTime.format(doc.time))]
                })]))
                return
            }
            Output.table(["TITLE", "CHARS", "DONE BY", "ID"], documents.map {
                [$0.title + ($0.retired ? " (retired)" : ""), String($0.length), doneBy($0).joined(separator: ","), Output.short($0.id)]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a document's text and its codings.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var read: ReadOptions
        @Argument(help: "Title or id.") var document: String
        @Flag(help: "Show other coders' codings even before you have finished the document.") var reveal = false

        func run() throws {
            let store = try global.openStore()
            let shown = try Replica(store: store).document(named: document, at: read.moment(),
                                                           reader: try global.readerKey(in: store), reveal: reveal)
            let (catalog, doc, text, visible) = (shown.catalog, shown.document, shown.text, shown.codings)
            let scalars = Array(text.unicodeScalars)
            func quote(_ c: CodingRow) -> String {
                var s = String(String.UnicodeScalarView(scalars[c.start..<min(c.end, scalars.count)]))
                s = s.replacingOccurrences(of: "\n", with: " ")
                return s.count > 60 ? String(s.prefix(57)) + "..." : s
            }
            if read.json {
                Output.json(.object([
                    "id": .string(doc.id), "title": .string(doc.title), "text": .string(text), "length": .int(Int64(doc.length)),
                    "sha256": .string(doc.sha256), "retired": .bool(doc.retired),
                    "codings": .array(visible.map { CodingsJSON.row($0, catalog: catalog) }),
                    "hidden": .int(Int64(shown.hidden)),
                ]))
                return
            }
            Output.line("# \(doc.title)  (\(doc.length) characters, id \(doc.id))")
            Output.line()
            Output.line(text)
            Output.line()
            Output.table(["SPAN", "CODE", "CODER", "TEXT"], visible.map {
                ["\($0.start):\($0.end)", catalog.code(id: $0.code)?.path ?? $0.code, catalog.name(ofKey: $0.author), quote($0)]
            })
            if let note = shown.note { Output.note(note) }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a document (leads only); its history stays.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Title or id.") var document: String

        func run() throws {
            let store = try global.openStore()
            try Replica(store: store).retireDocument(document, by: try global.key(in: store))
            Output.line("retired \(document)")
        }
    }
}
