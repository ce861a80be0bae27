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
        guard let project = try store.project() else { throw AccordError("not_a_project", "this replica holds no project") }
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
        summary.requests = client.traffic.requests
        summary.bytesSent = client.traffic.bytesSent
        summary.bytesReceived = client.traffic.bytesReceived
        return summary
    }
}
