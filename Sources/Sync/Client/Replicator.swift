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
        // Pull.
        while true {
            let page = try await client.sync(SyncRequest(project: project, have: try store.authorHeads(), maxBytes: pageBytes))
            serverHeads = page.heads
            let outcomes = try store.receive(page.events)
            let accepted = outcomes.filter { $0 == .accepted }.count
            summary.pulled += accepted
            for case .rejected(let error) in outcomes { summary.pullRejected.append(error) }
            progress?("pull", summary.pulled)
            if !page.more || accepted == 0 { break }
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
                }
            }
            progress?("push", summary.pushed)
            if !progressed || !summary.pushRejected.isEmpty { break }
        }
        try await revealForks(summary: &summary, serverHeads: serverHeads)
        summary.requests = client.traffic.requests
        summary.bytesSent = client.traffic.bytesSent
        summary.bytesReceived = client.traffic.bytesReceived
        return summary
    }

    /// A pushed event refused for a missing prev, whose author the server
    /// holds at that seq, means the two replicas hold different events at one
    /// (author, seq): a fork. Pushing that author's earlier events, newest
    /// first, until the server already has one hands it the forked event,
    /// which it keeps as evidence of the equivocation.
    func revealForks(summary: inout SyncSummary, serverHeads: [String: Int64]) async throws(AccordError) {
        let forked = Set(summary.pushRejected.compactMap { rejected -> String? in
            guard rejected.error.code == "missing_prev", let id = rejected.id, let event = try? store.event(id) else { return nil }
            return event.author
        })
        for author in forked {
            var upTo = serverHeads[author] ?? 0
            while upTo > 0 {
                var filter = LogFilter()
                filter.authors = [author]
                let from = max(1, upTo - 255)
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
}
