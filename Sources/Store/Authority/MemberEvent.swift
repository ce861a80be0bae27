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

    /// Why an event this cut reaches loses its effect, in the order the
    /// reasons are preferred (events/README §12.3).
    enum Reason: String, Sendable, Comparable {
        case removed, demoted, keyReplaced = "key_replaced"

        static func < (a: Reason, b: Reason) -> Bool { a.order < b.order }
        private var order: Int { self == .removed ? 0 : self == .demoted ? 1 : 2 }
    }

    /// Whether the cut forbids an event of `type` signed by `key`, and as what.
    func forbids(_ type: EventType, key: AuthorID) -> Reason? {
        switch kind {
        case .removal: return .removed
        case .role(let role): return role.mayWrite(type) ? nil : .demoted
        case .keys(let keys, let role):
            if let role, !role.mayWrite(type) { return .demoted }
            return keys.contains(key) ? nil : .keyReplaced
        }
    }

    /// Whether this cut reaches an event (§12.1): the two are concurrent,
    /// the event's author belongs to the target in its own past, and the cut
    /// forbids it. `clock` is the event's causal past with itself included.
    func reaches(chain: Int64, seq: Int64, clock: CausalClock, type: EventType, key: AuthorID, authorMember: EventID?) -> Reason? {
        guard authorMember == target, !event.clock.includes(chain: chain, seq: seq),
              !clock.includes(chain: event.chain, seq: event.seq)
        else { return nil }
        return forbids(type, key: key)
    }
}

extension [Cut] {
    /// The reason and cut among these that reach an event, preferring the
    /// reason order and then the earliest cut in fold order.
    func reaching(chain: Int64, seq: Int64, clock: CausalClock, type: EventType, key: AuthorID,
                  authorMember: EventID?) -> (reason: Cut.Reason, cut: Cut)? {
        var best: (reason: Cut.Reason, cut: Cut)? = nil
        for cut in self {
            guard let reason = cut.reaches(chain: chain, seq: seq, clock: clock, type: type, key: key, authorMember: authorMember) else { continue }
            if let current = best {
                let better = reason != current.reason ? reason < current.reason : MemberEvent.foldOrder(cut.event, current.cut.event)
                if !better { continue }
            }
            best = (reason, cut)
        }
        return best
    }
}
