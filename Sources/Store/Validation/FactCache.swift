import GRDB

/// What validation looks up again and again while a batch of codings goes
/// by — a document's length, whether a code exists, who made a coding, the
/// retirements and merges of a thing, a key's standing — remembered for the
/// life of one transaction. Facts that a structural event can change are
/// forgotten when one is validated.
final class FactCache {
    var documentLength: [String: Int64] = [:]
    var codeExists: Set<String> = []
    var codingOwner: [String: String] = [:]
    var retirements: [String: [String]] = [:]
    var merges: [String: [String]] = [:]
    /// Member-related events held or pending, with their positions, in order.
    var memberEvents: [(id: String, author: Int64, seq: Int64)]? = nil
    /// (author key, which member events are in the past) → standing.
    var memberships: [String: Membership?] = [:]

    static let memberTypes: Set<EventType> = [.projectCreated, .memberAdded, .memberChanged, .memberRemoved]

    /// Called for each event validated: structural events make cached facts stale.
    func note(_ event: UnsignedEvent, position: EventPosition) {
        switch event.type {
        case .documentRetired, .codeRetired, .codeMerged, .memberRemoved:
            retirements.removeAll()
            merges.removeAll()
        default: break
        }
        if FactCache.memberTypes.contains(event.type) {
            memberEvents?.append((event.id.hex, position.author, position.seq))
        }
    }

    func loadMemberEvents(_ db: Database) throws -> [(id: String, author: Int64, seq: Int64)] {
        if let memberEvents { return memberEvents }
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, author, seq FROM events
            WHERE type IN ('project.created', 'member.added', 'member.changed', 'member.removed') ORDER BY rowid
            """)
        let loaded = rows.map { (id: $0[0] as String, author: $0[1] as Int64, seq: $0[2] as Int64) }
        memberEvents = loaded
        return loaded
    }
}
