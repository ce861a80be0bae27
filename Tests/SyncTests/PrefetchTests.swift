import AccordTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Store
@testable import Sync

/// A pull asks for the next page while it stores the one it has, for the
/// heads it will hold once that page is stored (`SyncResponse.through`);
/// should the page not be stored whole, that answer is dropped and the next
/// page asked for from what is held.
@Suite struct PrefetchTests {
    /// What a scripted server saw of each `/v2/sync` request: the `have` it
    /// carried, how many events the pulling replica held as it came, and
    /// how many the answer carried.
    final class Requests: @unchecked Sendable {
        typealias Seen = (have: [String: Int64], held: Int, sent: Int)
        private let lock = NSLock()
        private var seen: [Seen] = []

        func add(_ request: Seen) {
            lock.lock()
            seen.append(request)
            lock.unlock()
        }

        var all: [Seen] {
            lock.lock()
            defer { lock.unlock() }
            return seen
        }
    }

    /// Serves `/v2/sync` from `source` with no authentication, its pages cut
    /// at `maxBytes` whatever the request asks, the signature of `spoiled`
    /// (an event id) turned into another's; runs `body` with the URL.
    /// `served` is called with each request's number, after its answer is made.
    static func scripted(_ source: Store, spoiled: String?, maxBytes: Int, replica: Store, requests: Requests,
                         served: @escaping @Sendable (Int) -> Void = { _ in },
                         _ body: @escaping @Sendable (URL) async throws -> Void) async throws {
        let router = Router()
        let info = ProjectInfo(project: try source.project() ?? "", name: "scripted", replica: String(repeating: "ab", count: 16))
        router.get(RouterPath(SyncWire.infoPath)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: info.body)))
        }
        router.post(RouterPath(SyncWire.syncPath)) { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let asked = try SyncRequest(body: Array(buffer: bytes))
            let held = try StoreFile.read(replica) { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 }
            let page = try source.missing(have: asked.have, maxBytes: maxBytes)
            requests.add((asked.have, held, page.events.count))
            served(requests.all.count)
            let events = page.events.map { bytes -> [UInt8] in
                guard let spoiled, let event = try? Event(bytes: bytes), event.id == spoiled else { return bytes }
                var text = String(decoding: bytes, as: UTF8.self)
                let signature = Hex.encode(event.signature)
                text = text.replacingOccurrences(of: signature, with: String(signature.reversed()))
                return Array(text.utf8)
            }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: SyncResponse(heads: [:], events: events, more: page.more).body)))
        }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(try #require(client.port))")!)
        }
    }

    /// A page's `through` is each author's highest seq in it: exactly the
    /// heads a replica holds after storing it.
    @Test func aPagesThroughIsTheHeadsAfterStoringIt() async throws {
        let p = try TestProject()
        try populate(p, codings: 30, seed: 5)
        let replica = try temporaryStore()
        var have: [String: Int64] = [:]
        while true {
            let page = try p.store.missing(have: have, maxBytes: 2_000)
            let read = try SyncResponse(body: SyncResponse(heads: [:], events: page.events, more: page.more).body)
            _ = try replica.receive(read.events)
            #expect(have.merging(read.through) { max($0, $1) } == (try replica.authorHeads()))
            have = try replica.authorHeads()
            if !page.more { break }
        }
        #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
    }

    /// The page after the first is asked for before the first is stored:
    /// while the replica cannot write (another process holds its write
    /// lock from the moment the first page is served), the second request
    /// reaches the server; without the prefetch it would come only once the
    /// lock is let go, 2 s later. The replica ends with every event.
    @Test func theNextPageIsAskedForWhileThisOneIsStored() async throws {
        let p = try TestProject()
        try populate(p, codings: 300, seed: 9)
        let replica = try temporaryStore()
        let requests = Requests()
        let lock = Locked()
        try await Self.scripted(p.store, spoiled: nil, maxBytes: 20_000, replica: replica, requests: requests,
                                served: { count in
                                    if count == 1 { lock.take(replica, for: 2) } else { lock.release() }
                                }) { url in
            var summary = SyncSummary()
            _ = try await Replicator(store: replica, client: SyncClient(base: url, key: p.alice))
                .pull(project: p.project, from: [:], into: &summary, progress: nil)
        }
        #expect(try ReplicaState(replica) == (try ReplicaState(p.store)))
        let seen = requests.all
        #expect(seen.count >= 3, "\(seen.count) pages")
        #expect(seen.count >= 2 && seen[1].held == 0, "the second page was asked for once the first was stored: \(seen.map(\.held))")
    }

    /// A write lock on a store held for a while, let go early on demand.
    final class Locked: @unchecked Sendable {
        private let guardLock = NSLock()
        private var holder: WriteLockHolder?

        func take(_ store: Store, for seconds: Double) {
            guardLock.lock()
            holder = try? WriteLockHolder(store)
            guardLock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { self.release() }
        }

        func release() {
            guardLock.lock()
            let held = holder
            holder = nil
            guardLock.unlock()
            held?.release()
        }
    }

    /// An event refused half way through a page (a signature that is not
    /// its author's): the answer asked for the heads past it is dropped,
    /// the next page is asked for from what the replica holds, and the pull
    /// ends with every event that does not follow the refused one.
    @Test func aPageNotStoredWholeIsAskedForAgainFromWhatIsHeld() async throws {
        let p = try TestProject()
        try populate(p, codings: 200, seed: 13)
        let all = try p.store.allEventBytes().map { try Event(bytes: $0) }
        let spoiled = all[all.count / 2]
        let replica = try temporaryStore()
        let requests = Requests()
        try await Self.scripted(p.store, spoiled: spoiled.id, maxBytes: 6_000, replica: replica, requests: requests) { url in
            var summary = SyncSummary()
            _ = try await Replicator(store: replica, client: SyncClient(base: url, key: p.alice))
                .pull(project: p.project, from: [:], into: &summary, progress: nil)
            #expect(summary.pullRefusals.contains { $0.id == spoiled.id && $0.error.code == "bad_signature" }, "\(summary.pullRefusals.map { "\($0.id ?? "?") \($0.error.code)" })")
        }
        // Asked again from what is held: the author's seq just before the refused event.
        #expect(requests.all.contains { $0.have[spoiled.author] == spoiled.seq - 1 })
        // Every event before the refused one in the log's order is held, and
        // every other author's event that does not follow it.
        let held = try replica.holding(Set(all.map(\.id)))
        #expect(!held.contains(spoiled.id))
        #expect(all.filter { $0.time < spoiled.time }.allSatisfy { held.contains($0.id) })
        #expect(all.filter { $0.author != spoiled.author && !$0.deps.contains(spoiled.id) }.count > 0)
    }
}
