import ArgumentParser
import Foundation
import Project
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
        func code(_ id: EventID) -> String { catalog.code(id: id.hex)?.path ?? id.short }
        func doc(_ id: EventID) -> String { catalog.document(id: id.hex)?.title ?? id.short }
        func member(_ id: EventID) -> String { catalog.members.first { $0.id == id.hex }?.name ?? id.short }
        switch event.body {
        case .projectCreated(let b): return "created \"\(b.name)\" with lead \(b.member)"
        case .memberAdded(let b): return "added \(b.name) as \(b.role.rawValue)"
        case .memberChanged(let b): return "changed \(member(b.member))" + (b.role.map { " to \($0.rawValue)" } ?? "")
        case .memberRemoved(let b): return "removed \(member(b.member))"
        case .documentAdded(let b): return "added \(b.title) (\(b.length) chars)"
        case .documentRetired(let b): return "retired \(doc(b.document))"
        case .codeDefined(let b): return "defined \(catalog.code(id: event.id)?.path ?? b.name)"
        case .codeChanged(let b): return "changed \(code(b.code)) (\(b.changedFields.joined(separator: ", ")))"
        case .codeMerged(let b): return "merged \(code(b.code)) into \(code(b.into))"
        case .codeRetired(let b): return "retired \(code(b.code))"
        case .segmentCoded(let b): return "\(code(b.code)) on \(doc(b.document)) \(b.start):\(b.end)"
        case .segmentUncoded(let b): return "removed coding \(b.coding.short)"
        case .memoAdded(let b): return "memo: \(String(b.text.prefix(50)))"
        case .documentDone(let b): return "finished \(doc(b.document))"
        case .adjudicationDecided(let b): return "decided \(doc(b.document)) \(b.start):\(b.end)"
        }
    }
}
