import ArgumentParser
import Foundation
import Store

struct Log: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(abstract: "The history, oldest first.",
                                                    discussion: "--json prints each event's exact stored bytes, one per line.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var read: ReadOptions
    @Option(help: "Only events by this member (name) or key.") var author: String?
    @Option(help: "Only events of this type, e.g. segment.coded.", transform: EventType.parse) var type: EventType?
    @Option(help: "Only events at or after this ISO-8601 time.") var since: String?
    @Option(help: "Only events at or before this ISO-8601 time.") var until: String?

    func validate() throws {
        _ = try since.map(Log.time)
        _ = try until.map(Log.time)
    }

    func run() throws {
        let store = try global.openStore()
        let catalog = try store.catalog()
        var filter = LogFilter()
        if let author {
            if let member = catalog.member(named: author) { filter.authors = Set(member.keys) }
            else if Hex.isDigest(author) { filter.authors = [author] }
            else { throw AccordError.unknownMember("no member or key `\(author)`") }
        }
        filter.type = type?.rawValue
        filter.since = try since.map(Log.time)
        filter.until = try until.map(Log.time)
        filter.moment = try read.moment()
        if read.json {
            var lines = JSONLineWriter()
            try store.forEachLogged(filter) { bytes in lines.write(bytes) }
            lines.flush()
            return
        }
        let events = try store.log(filter)
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
