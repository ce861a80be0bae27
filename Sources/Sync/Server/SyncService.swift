import Foundation
import Store

/// Everything the sync server asks of the project it serves: the one
/// boundary between HTTP and the log. Every call is `async` and none may
/// block Swift's cooperative pool.
public protocol SyncService: Sendable {
    /// The project, its name and this replica's id, for `GET /v1/info`.
    func info() async throws(AccordError) -> ServedProject
    /// Where a key stands: a current member (and their role), a former one, or unknown.
    func standing(ofKey key: String) async throws(AccordError) -> KeyStanding
    /// The events a caller holding `have` lacks (at most about `maxBytes`),
    /// with the heads and heads digest of the same snapshot.
    func page(have: [String: Int64], maxBytes: Int) async throws(AccordError) -> SyncSnapshot
    /// Judges pushed lines, each on its own, in order.
    func receive(_ lines: [[UInt8]]) async throws(AccordError) -> [ReceivedLine]
    /// Records a signed request; false when the same signature was accepted before.
    func admit(signature: [UInt8], timestamp: Int64, now: Int64) async throws(AccordError) -> Bool
}

/// What `GET /v1/info` announces.
public struct ServedProject: Sendable, Equatable {
    public var project: String
    public var name: String
    public var replica: String

    public init(project: String, name: String, replica: String) {
        self.project = project
        self.name = name
        self.replica = replica
    }
}

/// The sync service of one local store.
public struct StoreSyncService: SyncService {
    public let store: Store
    let ledger: RequestLedger

    public init(store: Store) throws(AccordError) {
        self.store = store
        ledger = try RequestLedger(directory: store.directory, retention: 2 * RequestSignature.window)
    }

    public func info() async throws(AccordError) -> ServedProject {
        guard let summary = try await store.projectSummary() else {
            throw AccordError("not_a_project", "this replica holds no project")
        }
        return ServedProject(project: summary.project, name: summary.name, replica: try await store.replicaID())
    }

    public func standing(ofKey key: String) async throws(AccordError) -> KeyStanding {
        try await store.keyStanding(key)
    }

    public func page(have: [String: Int64], maxBytes: Int) async throws(AccordError) -> SyncSnapshot {
        try await store.syncSnapshot(have: have, maxBytes: maxBytes)
    }

    public func receive(_ lines: [[UInt8]]) async throws(AccordError) -> [ReceivedLine] {
        try await store.receiveSuspending(lines)
    }

    public func admit(signature: [UInt8], timestamp: Int64, now: Int64) async throws(AccordError) -> Bool {
        try await ledger.admit(signature: signature, timestamp: timestamp, now: now)
    }
}
