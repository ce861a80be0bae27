import ArgumentParser
import Foundation
import GRDB
import Store

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The history, oldest first.",
                                                    discussion: "--json prints each event's exact stored bytes, one per line.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Option(help: "Only events by this member (name) or key.") var author: String?
    @Option(help: "Only events of this type, e.g. segment.coded.") var type: String?
    @Option(help: "Only events at or after this ISO-8601 time.") var since: String?
    @Option(help: "Only events at or before this ISO-8601 time.") var until: String?

    func run() throws {
        let store = try global.openStore()
        let catalog = try store.catalog()
        var filter = LogFilter()
        if let author {
            if let member = catalog.member(named: author) { filter.authors = Set(member.keys) }
            else if Hex.isDigest(author) { filter.authors = [author] }
            else { throw AccordError.unknownMember("no member or key `\(author)`") }
        }
        if let type {
            guard EventType(rawValue: type) != nil else {
                throw AccordError.unknownType("no event type `\(type)`; types: \(EventType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.type = type
        }
        filter.since = try since.map(Log.time)
        filter.until = try until.map(Log.time)
        filter.moment = try read.moment()
        let events = try store.log(filter)
        if read.json {
            for event in events { print(event.text) }
            return
        }
        Output.table(["TIME", "AUTHOR", "TYPE", "WHAT", "ID"], events.map { event in
            [ISOTime.format(event.time), catalog.name(ofKey: event.author), event.type.rawValue,
             EventSummary.describe(event, catalog: catalog), Output.short(event.id)]
        })
    }

    static func time(_ text: String) throws(AccordError) -> Int64 {
        guard let t = ISOTime.parse(text) else { throw AccordError("bad_moment", "`\(text)` is not an ISO-8601 time") }
        return t
    }
}

/// A one-line account of what an event did, in the project's own words.
enum EventSummary {
    static func describe(_ event: Event, catalog: Catalog) -> String {
        let b = event.body
        func code(_ key: String) -> String { b[key]?.stringValue.map { catalog.code(id: $0)?.path ?? Output.short($0) } ?? "?" }
        func doc(_ key: String = "document") -> String { b[key]?.stringValue.map { catalog.document(id: $0)?.title ?? Output.short($0) } ?? "?" }
        func member() -> String { b["member"]?.stringValue.map { id in catalog.members.first { $0.id == id }?.name ?? Output.short(id) } ?? "?" }
        switch event.type {
        case .projectCreated: return "created \"\(b["name"]?.stringValue ?? "")\" with lead \(b["member"]?.stringValue ?? "")"
        case .memberAdded: return "added \(b["name"]?.stringValue ?? "") as \(b["role"]?.stringValue ?? "")"
        case .memberChanged: return "changed \(member())" + (b["role"]?.stringValue.map { " to \($0)" } ?? "")
        case .memberRemoved: return "removed \(member())"
        case .documentAdded: return "added \(b["title"]?.stringValue ?? "") (\(b["length"]?.intValue ?? 0) chars)"
        case .documentRetired: return "retired \(doc())"
        case .codeDefined: return "defined \(catalog.code(id: event.id)?.path ?? b["name"]?.stringValue ?? "")"
        case .codeChanged:
            let fields = ["name", "description", "parent", "color", "exclusive"].filter { b[$0] != nil }
            return "changed \(code("code")) (\(fields.joined(separator: ", ")))"
        case .codeMerged: return "merged \(code("code")) into \(code("into"))"
        case .codeRetired: return "retired \(code("code"))"
        case .segmentCoded: return "\(code("code")) on \(doc()) \(b["start"]?.intValue ?? 0):\(b["end"]?.intValue ?? 0)"
        case .segmentUncoded: return "removed coding \(Output.short(b["coding"]?.stringValue ?? ""))"
        case .memoAdded: return "memo: \(String((b["text"]?.stringValue ?? "").prefix(50)))"
        case .documentDone: return "finished \(doc())"
        case .adjudicationDecided: return "decided \(doc()) \(b["start"]?.intValue ?? 0):\(b["end"]?.intValue ?? 0)"
        }
    }
}
