import ArgumentParser
import Foundation
import Project
import Store

struct MemoAdd: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Write a memo on a document, a code or a coding (leads and coders); prints its id.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The memo's text (or give --file).") var text: String?
    @Option(help: "On this document (title or id).") var doc: String?
    @Option(help: "On this code (path or id).") var code: String?
    @Option(help: "On this coding (id or a prefix of 8+ digits).") var coding: String?
    @Option(help: "Read the memo's text from this UTF-8 file.") var file: String?
    @Flag(help: "Print {\"memo\": id}.") var json = false

    func validate() throws {
        _ = try target
        guard (text == nil) != (file == nil) else {
            throw AccordError("bad_memo", "give the memo's text as the argument or with --file, not both")
        }
    }

    /// What the memo is about: exactly one of --doc, --code, --coding.
    var target: MemoTarget {
        get throws(AccordError) {
            switch (doc, code, coding) {
            case (let d?, nil, nil): return .document(d)
            case (nil, let c?, nil): return .code(c)
            case (nil, nil, let c?): return .coding(c)
            default: throw AccordError("bad_memo_target", "give exactly one of --doc D, --code C, --coding ID")
            }
        }
    }

    /// The text, from the argument or the file.
    func body() throws(AccordError) -> String {
        if let text { return text }
        let path = file ?? ""
        guard let data = FileManager.default.contents(atPath: path) else { throw AccordError("unreadable_file", "cannot read \(path)") }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw AccordError("bad_text", "\(path) is not UTF-8 text")
        }
        return text
    }

    func run() throws {
        let target = try target
        let text = try body()
        let store = try global.openStore()
        let event = try Replica(store: store).addMemo(text, on: target, by: try global.key(in: store))
        if json { Output.json(["memo": .string(event.id)]) } else { Output.line(event.id) }
    }
}
