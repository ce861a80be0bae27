import Foundation
import Store

/// What one `sync` moved.
public struct SyncSummary: Sendable {
    public var pulled = 0
    public var pushed = 0
    /// The pulled events refused, as errors.
    public var pullRejected: [AccordError] { pullRefusals.map(\.error) }
    public var pushRejected: [(id: String?, error: AccordError)] = []
    public var requests = 0
    public var bytesSent = 0
    public var bytesReceived = 0
    public var upToDate: Bool { pulled == 0 && pushed == 0 }
    /// Each pulled event refused, with its id when its line could be read.
    public var pullRefusals: [(id: String?, error: AccordError)] = []

    /// An event refused for a missing prev or dep and accepted once the
    /// other side of a fork arrived is no refusal worth reporting: keeps
    /// only the refusals of events still not held.
    /// Likewise an event pushed before its other-side parent, when the
    /// server ends up holding everything this replica holds.
    mutating func forgetRefusalsSettled(by store: Store, serverHoldsAll: Bool) throws(AccordError) {
        if serverHoldsAll { pushRejected.removeAll { ["missing_prev", "missing_dep"].contains($0.error.code) } }
        let ids = Set(pullRefusals.compactMap(\.id))
        guard !ids.isEmpty else { return }
        let held = try store.holding(ids)
        pullRefusals.removeAll { refusal in refusal.id.map(held.contains) ?? false }
    }
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
        var server = try await pull(project: project, from: try store.authorHeads(), into: &summary, progress: progress)
        if held == nil, try store.project() != project {
            throw AccordError.wrongProject("the server announced project \(project) but sent a different genesis event")
        }
        let pushedBefore = summary.pushed
        try await push(above: server.heads, into: &summary, progress: progress)
        // The server's digest changed only if it took something; an
        // up-to-date sync stays one round trip.
        if summary.pushed > pushedBefore || !summary.pushRejected.isEmpty {
            server = try await pull(project: project, from: try store.authorHeads(), into: &summary, progress: progress)
        }
        let converged = try await reconcile(project: project, server: server, into: &summary, progress: progress)
        try store.noteRemoteHeads(client.base.absoluteString, server.heads)
        try summary.forgetRefusalsSettled(by: store, serverHoldsAll: converged)
        summary.requests = client.traffic.requests
        summary.bytesSent = client.traffic.bytesSent
        summary.bytesReceived = client.traffic.bytesReceived
        return summary
    }

    /// What the server said about its heads on the last page.
    struct ServerHeads {
        var heads: [String: Int64]
        var digest: String?
    }

    /// Pulls pages of what the server holds above `have` until it has no
    /// more, or a page brings nothing new (every event already held or
    /// refused: asking again would return the same page).
    ///
    /// The next page is asked for while this one is stored, for the heads
    /// the replica will hold once it is (`SyncResponse.through`): the
    /// server's work and the wire then overlap the checks and writes here.
    /// Should a page not be stored whole (a refusal), that answer is
    /// dropped and the next page asked for from what is held.
    func pull(project: String, from have: [String: Int64], into summary: inout SyncSummary,
              progress: (@Sendable (String, Int) -> Void)?) async throws(AccordError) -> ServerHeads {
        var have = have
        var next: Task<SyncResponse, any Error>? = nil
        defer { next?.cancel() }
        while true {
            try Replicator.checkNotCancelled()
            let page: SyncResponse
            if let asked = next {
                next = nil
                do { page = try await asked.value } catch { throw error as? AccordError ?? AccordError("sync_failed", "\(error)") }
            } else {
                page = try await client.sync(SyncRequest(project: project, have: have, maxBytes: pageBytes))
            }
            let expected = have.merging(page.through) { max($0, $1) }
            if page.more {
                let (client, request) = (client, SyncRequest(project: project, have: expected, maxBytes: pageBytes))
                next = Task { try await client.sync(request) }
            }
            let outcomes = try store.receive(page.events)
            let accepted = outcomes.filter { $0 == .accepted }.count
            summary.pulled += accepted
            for (outcome, bytes) in zip(outcomes, page.events) {
                guard case .rejected(let error) = outcome else { continue }
                summary.pullRefusals.append(((try? Event(bytes: bytes))?.id, error))
            }
            progress?("pull", summary.pulled)
            // The server lists only heads that differ from `have`.
            let server = ServerHeads(heads: have.merging(page.heads) { _, theirs in theirs }, digest: page.headsDigest)
            if !page.more || accepted == 0 { return server }
            have = have.merging(try store.authorHeads()) { max($0, $1) }
            if let asked = next, !expected.allSatisfy({ have[$0.key, default: 0] >= $0.value }) {
                // Asked for heads this replica does not hold: wait the answer
                // out (its request is signed and counted) and ask again.
                next = nil
                _ = try? await asked.value
            }
        }
    }

    /// Pushes what the server lacks above `heads`, page by page, until it
    /// holds everything or refuses something.
    func push(above heads: [String: Int64], into summary: inout SyncSummary,
              progress: (@Sendable (String, Int) -> Void)?) async throws(AccordError) {
        var heads = heads
        while true {
            let page = try store.missing(have: heads, maxBytes: pageBytes)
            guard !page.events.isEmpty else { return }
            let results = try await client.push(page.events)
            var progressed = false
            for (result, bytes) in zip(results, page.events) {
                switch result.outcome {
                case .accepted, .duplicate:
                    if result.outcome == .accepted { summary.pushed += 1 }
                    progressed = true
                    if let event = try? Event(stored: bytes) { heads[event.author] = max(heads[event.author] ?? 0, event.seq) }
                case .rejected(let error):
                    summary.pushRejected.append((result.id, error))
                }
            }
            progress?("push", summary.pushed)
            if !progressed || !summary.pushRejected.isEmpty { return }
        }
    }

    /// Version vectors name everything but the other side of a fork at or
    /// below a head: two replicas can agree on every author's highest seq
    /// and still hold different events. The heads digests, which cover every
    /// chain's tip, tell; then both sides exchange each author's events above
    /// their heads lowered by 1, 2, 4, … seqs until the digests agree
    /// (returned: whether they do). A
    /// fork's depth, not the history's, bounds what is sent twice, and the
    /// last round (lowered to 0) exchanges everything, so the two replicas
    /// always end holding the same events (events/README §11.3).
    func reconcile(project: String, server: ServerHeads, into summary: inout SyncSummary,
                   progress: (@Sendable (String, Int) -> Void)?) async throws(AccordError) -> Bool {
        var server = server
        var depth: Int64 = 1
        while true {
            guard let theirs = server.digest else { return false }
            if theirs == (try store.headsDigest()) { return true }
            let mine = try store.authorHeads()
            let deepest = max(mine.values.max() ?? 0, server.heads.values.max() ?? 0)
            let lowered = { (heads: [String: Int64]) in heads.mapValues { max(0, $0 - depth) } }
            _ = try await pull(project: project, from: lowered(mine), into: &summary, progress: progress)
            try await push(above: lowered(server.heads), into: &summary, progress: progress)
            server = try await pull(project: project, from: try store.authorHeads(), into: &summary, progress: progress)
            if depth > deepest { return server.digest == (try store.headsDigest()) }
            depth *= 2
        }
    }

    /// A sync whose task was cancelled stops between pages; what it
    /// received is kept, and the next sync goes on from there.
    static func checkNotCancelled() throws(AccordError) {
        if Task.isCancelled { throw AccordError("cancelled", "the sync was stopped; run it again to go on from where it stopped") }
    }
}
