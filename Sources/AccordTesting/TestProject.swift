import Foundation
import GRDB
import Project
import Store

/// A small project in a temporary folder: lead lena, coders alice and bob,
/// one document and a few codes. Keys are fixed, so runs are repeatable.
public struct TestProject: Sendable {
    public let root: URL
    public let store: Store
    /// The use cases over `store`.
    public var replica: Replica { Replica(store: store) }
    public let lead = SigningKey(seed: "test-lena")
    public let alice = SigningKey(seed: "test-alice")
    public let bob = SigningKey(seed: "test-bob")
    public let stranger = SigningKey(seed: "test-stranger")
    public var document: String = ""
    public var helpfulness: String = ""
    public var honesty: String = ""

    public static let text = "Gale-2 is trained to be helpful.\n\nIt is honest, and café staff red-team it 😀."

    public init(codes: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("accord-test-\(UUID().uuidString)")
        store = try Store(directory: root.appendingPathComponent(".accord"), create: true)
        try store.append(Action(.projectCreated(ProjectCreated(name: "test", member: "lena"))), by: lead)
        let replica = Replica(store: store)
        try replica.addMember(name: "alice", key: alice.publicHex, role: .coder, by: lead)
        try replica.addMember(name: "bob", key: bob.publicHex, role: .coder, by: lead)
        guard codes else { return }
        document = try replica.addDocument(data: Data(TestProject.text.utf8), title: "northwind", by: lead).id
        try replica.defineCode(CodeDefinition(name: "values"), by: lead)
        helpfulness = try replica.defineCode(CodeDefinition(name: "helpfulness", parent: "values"), by: lead).id
        honesty = try replica.defineCode(CodeDefinition(name: "honesty", parent: "values"), by: lead).id
    }

    public var project: String { (try? store.project()) ?? "" }

    public func digest() throws -> String { try store.stateDigest() }

    public func eventCount() throws -> Int { try StoreFile.read(store) { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 } }

    /// An event by `key` whose envelope fields default to what a correct
    /// replica would write now; override any to make it wrong.
    public func craft(_ type: EventType, _ body: JSONValue, by key: SigningKey, seq: Int64? = nil, prev: String?? = nil,
               deps: [String]? = nil, time: Int64? = nil, project: String?? = nil) throws -> CraftedEvent {
        let (headSeq, headID, heads, maxTime) = try StoreFile.read(store) { db -> (Int64, String?, [String], Int64) in
            let row = try Row.fetchOne(db, sql: "SELECT head_seq, head_id FROM authors WHERE key = ?", arguments: [key.publicHex])
            return (row?[0] ?? 0, row?[1], try String.fetchAll(db, sql: "SELECT id FROM heads ORDER BY id"),
                    try Int64.fetchOne(db, sql: "SELECT max(time) FROM events") ?? 0)
        }
        let p = prev ?? headID
        let draft = EventDraft(project: project ?? self.project, author: key.publicHex, seq: seq ?? headSeq + 1, prev: p,
                               deps: deps ?? heads.filter { $0 != p }, time: time ?? max(maxTime + 1, Store.nowMicros()),
                               type: type, body: body)
        return CraftedEvent(bytes: draft.signedBytes(by: key), id: draft.id, author: draft.author, seq: draft.seq, prev: draft.prev)
    }

    /// Receives one event's bytes; returns the outcome.
    public func receive(_ bytes: [UInt8]) throws -> ReceiveOutcome { try store.receive([bytes])[0] }
}

/// A signed event made by hand, valid or not: its bytes and the envelope
/// fields tests look at.
public struct CraftedEvent: Sendable {
    public let bytes: [UInt8]
    public let id: String
    public let author: String
    public let seq: Int64
    public let prev: String?

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A fresh, empty store in a temporary folder (a replica before its first sync).
public func temporaryStore() throws -> Store {
    try Store(directory: FileManager.default.temporaryDirectory.appendingPathComponent("accord-replica-\(UUID().uuidString)"), create: true)
}
