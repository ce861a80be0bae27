/// A member event (`project.created`, `member.added`, `member.changed`,
/// `member.removed`) as the authority rules read it: its place in the causal
/// order and its body.
struct MemberEvent: Sendable {
    let id: EventID
    let author: AuthorID
    let chain: Int64
    let seq: Int64
    let time: Int64
    /// Its causal past, itself included.
    let clock: CausalClock
    let body: EventBody

    static let types: Set<EventType> = [.projectCreated, .memberAdded, .memberChanged, .memberRemoved]

    var type: EventType { body.type }

    /// Whether `other` lies in this event's causal past (or is this event).
    func sees(_ other: MemberEvent) -> Bool { clock.includes(chain: other.chain, seq: other.seq) }

    /// The fold order (events/README §6): time, author, seq, id.
    static func foldOrder(_ a: MemberEvent, _ b: MemberEvent) -> Bool {
        (a.time, a.author, a.seq, a.id) < (b.time, b.author, b.seq, b.id)
    }

    /// The member this event acts on, for `member.changed` and `member.removed`.
    var target: EventID? {
        switch body {
        case .memberChanged(let b): return b.member
        case .memberRemoved(let b): return b.member
        default: return nil
        }
    }

    /// What this event narrows, when it is a cut (events/README §12.1).
    var cut: Cut? {
        switch body {
        case .memberRemoved(let b): return Cut(event: self, target: b.member, kind: .removal)
        case .memberChanged(let b):
            if let keys = b.keys { return Cut(event: self, target: b.member, kind: .keys(Set(keys), role: b.role)) }
            if let role = b.role { return Cut(event: self, target: b.member, kind: .role(role)) }
            return nil
        default: return nil
        }
    }
}

/// An event that narrows a member's authority: a removal, a role change, or
/// a change of keys (events/README §12.1).
struct Cut: Sendable {
    enum Kind: Sendable {
        case removal
        case role(Role)
        /// New keys; a role set in the same event narrows too.
        case keys(Set<AuthorID>, role: Role?)
    }

    let event: MemberEvent
    let target: EventID
    let kind: Kind

    /// Why an event this cut reaches loses its effect.
    enum Reason: String, Sendable { case removed, demoted, keyReplaced = "key_replaced" }

    /// Whether the cut forbids an event of `type` signed by `key`, and as what.
    func forbids(_ type: EventType, key: AuthorID) -> Reason? {
        switch kind {
        case .removal: return .removed
        case .role(let role): return role.mayWrite(type) ? nil : .demoted
        case .keys(let keys, let role):
            if !keys.contains(key) { return .keyReplaced }
            if let role, !role.mayWrite(type) { return .demoted }
            return nil
        }
    }

    /// Whether this cut reaches an event (§12.1): the event's author belongs
    /// to the target in its own past, the cut had not seen it, and the cut
    /// forbids it.
    func reaches(chain: Int64, seq: Int64, id: EventID, type: EventType, key: AuthorID, authorMember: EventID?) -> Reason? {
        guard authorMember == target, id != event.id, !event.clock.includes(chain: chain, seq: seq) else { return nil }
        return forbids(type, key: key)
    }
}
