import Foundation
import Store

/// What one `sync` moved.
public struct SyncSummary: Sendable {
    public var pulled = 0
    public var pushed = 0
    public var pullRejected: [AccordError] = []
    public var pushRejected: [(id: String?, error: AccordError)] = []
    public var requests = 0
    public var bytesSent = 0
    public var bytesReceived = 0
    public var upToDate: Bool { pulled == 0 && pushed == 0 }
}

/// Brings two replicas to the same events: pull until the server has no
/// more, then push what the server lacks. Resuming after a cut is just
/// running it again — every step asks from what is held now.
public struct Replicator: Sendable {
    public let store: Store
    public let client: SyncClient
    public var pageBytes = 4 * 1024 * 1024

    public init(store: Store, client: SyncClient) {
        self.store = store
        self.client = client
    }

    public func run(progress: (@Sendable (String, Int) -> Void)? = nil) async throws(AccordError) -> SyncSummary {
        // An empty replica asks which project the server holds, and checks
        // after pulling that the genesis it received is that one.
        let held = try store.project()
        var project: String
        if let held { project = held } else { project = try await client.info().project }
        var summary = SyncSummary()
        var serverHeads: [String: Int64] = [:]
        var serverHeadsDigest: String?
        var suspects = Set<String>()
        // Pull.
        while true {
            try Replicator.checkNotCancelled()
            let have = try store.authorHeads()
            let page = try await client.sync(SyncRequest(project: project, have: have, maxBytes: pageBytes))
            // The server lists only heads that differ from `have`.
            serverHeads = have.merging(page.heads) { _, theirs in theirs }
            serverHeadsDigest = page.headsDigest
            let outcomes = try store.receive(page.events)
            let accepted = outcomes.filter { $0 == .accepted }.count
            summary.pulled += accepted
            for (outcome, bytes) in zip(outcomes, page.events) {
                guard case .rejected(let error) = outcome else { continue }
                summary.pullRejected.append(error)
                if error.code == "missing_prev", let event = try? Event(bytes: bytes) { suspects.insert(event.author) }
            }
            progress?("pull", summary.pulled)
            if !page.more || accepted == 0 { break }
        }
        // Same heads, different head events: a fork the version vectors
        // cannot show. Offering each author's head finds which.
        let myHeads = try store.authorHeads()
        if myHeads == serverHeads.filter({ $0.value > 0 }), let theirs = serverHeadsDigest, theirs != (try store.headsDigest()) {
            suspects.formUnion(myHeads.keys)
        }
        if held == nil, try store.project() != project {
            throw AccordError.wrongProject("the server announced project \(project) but sent a different genesis event")
        }
        // Push what the server lacks, from its heads as last seen.
        while true {
            let page = try store.missing(have: serverHeads, maxBytes: pageBytes)
            guard !page.events.isEmpty else { break }
            let results = try await client.push(page.events)
            var progressed = false
            for (result, bytes) in zip(results, page.events) {
                switch result.outcome {
                case .accepted, .duplicate:
                    if result.outcome == .accepted { summary.pushed += 1 }
                    progressed = true
                    if let event = try? Event(stored: bytes) { serverHeads[event.author] = max(serverHeads[event.author] ?? 0, event.seq) }
                case .rejected(let error):
                    summary.pushRejected.append((result.id, error))
                    guard let event = try? Event(stored: bytes) else { continue }
                    if error.code == "missing_prev" { suspects.insert(event.author) }
                    if error.code == "missing_dep" {
                        for dep in event.deps { if let held = try? store.event(dep) { suspects.insert(held.author) } }
                    }
                }
            }
            progress?("push", summary.pushed)
            if !progressed || !summary.pushRejected.isEmpty { break }
        }
        try await revealForks(suspects, summary: &summary, serverHeads: serverHeads)
        summary.requests = client.traffic.requests
        summary.bytesSent = client.traffic.bytesSent
        summary.bytesReceived = client.traffic.bytesReceived
        return summary
    }

    /// An event refused for a missing prev or dep whose author both sides
    /// hold that far, or heads that differ at one seq, mean the two replicas
    /// hold different events at one (author, seq): a fork. Pushing that author's earlier events, newest
    /// first, until the server already has one hands it the forked event,
    /// which it keeps as evidence of the equivocation.
    func revealForks(_ forked: Set<String>, summary: inout SyncSummary, serverHeads: [String: Int64]) async throws(AccordError) {
        let mine = try store.authorHeads()
        for author in forked.sorted() {
            var upTo = min(serverHeads[author] ?? 0, mine[author] ?? 0)
            while upTo > 0 {
                var filter = LogFilter()
                filter.authors = [author]
                // The head alone first: for an author with no fork it is
                // already there, and that settles it in one small push.
                let from = upTo == min(serverHeads[author] ?? 0, mine[author] ?? 0) ? upTo : max(1, upTo - 255)
                let chain = try store.log(filter).filter { $0.seq >= from && $0.seq <= upTo }
                guard !chain.isEmpty else { break }
                let results = try await client.push(chain.map(\.bytes))
                var reachedShared = false
                for (result, event) in zip(results, chain) {
                    switch result.outcome {
                    case .duplicate: reachedShared = true
                    case .accepted: summary.pushed += 1
                    case .rejected(let error): summary.pushRejected.append((event.id, error))
                    }
                }
                if reachedShared { break }
                upTo = from - 1
            }
        }
    }

    /// A sync whose task was cancelled stops between pages; what it
    /// received is kept, and the next sync goes on from there.
    static func checkNotCancelled() throws(AccordError) {
        if Task.isCancelled { throw AccordError("cancelled", "the sync was stopped; run it again to go on from where it stopped") }
    }
}
