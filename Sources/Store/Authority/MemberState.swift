/// The members, their names, roles and keys, as a set of member events folds
/// them (events/README §7, §9): every field a register, whose value is the
/// live edit with the greatest (time, author, id).
struct MemberState: Sendable {
    struct Edit<Value: Sendable>: Sendable {
        let id: EventID
        let author: AuthorID
        let time: Int64
        let value: Value
        let base: [EventID]
    }

    /// A register's edits; the value is the winner among the live ones.
    struct Register<Value: Sendable>: Sendable {
        var edits: [Edit<Value>] = []

        var winner: Edit<Value>? {
            let replaced = Set(edits.flatMap(\.base))
            return edits.filter { !replaced.contains($0.id) }.max { ($0.time, $0.author, $0.id) < ($1.time, $1.author, $1.id) }
        }

        var value: Value? { winner?.value }
    }

    struct Member: Sendable {
        let id: EventID
        /// Position of the creating event in fold order, for "created first".
        let created: Int
        let isFounder: Bool
        var name = Register<String>()
        var role = Register<Role>()
        var keys = Register<[AuthorID]>()
        var removed = false
    }

    private(set) var members: [EventID: Member] = [:]
    /// Which members each key has been bound to, to find a key's member fast.
    private var byKey: [AuthorID: Set<EventID>] = [:]
    private var count = 0

    init() {}

    /// Folds `events`, which must be in fold order.
    init<S: Sequence>(_ events: S) where S.Element == MemberEvent {
        for event in events { apply(event) }
    }

    mutating func apply(_ event: MemberEvent) {
        func edit<V>(_ value: V, base: [EventID] = []) -> Edit<V> {
            Edit(id: event.id, author: event.author, time: event.time, value: value, base: base)
        }
        switch event.body {
        case .projectCreated(let b):
            create(event, founder: true, name: b.member, role: .lead, keys: [event.author])
        case .memberAdded(let b):
            create(event, founder: false, name: b.name, role: b.role, keys: b.keys)
        case .memberChanged(let b):
            guard var member = members[b.member] else { return }
            if let name = b.name { member.name.edits.append(edit(name, base: b.base)) }
            if let role = b.role { member.role.edits.append(edit(role, base: b.base)) }
            if let keys = b.keys {
                member.keys.edits.append(edit(keys, base: b.base))
                for key in keys { byKey[key, default: []].insert(b.member) }
            }
            members[b.member] = member
        case .memberRemoved(let b):
            members[b.member]?.removed = true
        default:
            break
        }
    }

    private mutating func create(_ event: MemberEvent, founder: Bool, name: String, role: Role, keys: [AuthorID]) {
        guard members[event.id] == nil else { return }
        var member = Member(id: event.id, created: count, isFounder: founder)
        count += 1
        func creation<V>(_ value: V) -> Edit<V> { Edit(id: event.id, author: event.author, time: event.time, value: value, base: []) }
        member.name.edits.append(creation(name))
        member.role.edits.append(creation(role))
        member.keys.edits.append(creation(keys))
        members[event.id] = member
        for key in keys { byKey[key, default: []].insert(event.id) }
    }

    /// The member `key` belongs to: one whose keys register holds it,
    /// preferring a member not removed, then the one created first.
    func member(ofKey key: AuthorID) -> Member? {
        guard let candidates = byKey[key] else { return nil }
        return candidates.compactMap { members[$0] }
            .filter { $0.keys.value?.contains(key) == true }
            .min { ($0.removed ? 1 : 0, $0.created) < ($1.removed ? 1 : 0, $1.created) }
    }

    /// The member who appointed `member` to its current role: the author of
    /// the winning edit of its role register (events/README §7).
    func appointer(of member: EventID) -> EventID? {
        guard let m = members[member], !m.isFounder, let winner = m.role.winner else { return nil }
        return self.member(ofKey: winner.author)?.id
    }

    /// Whether `actor` may change or remove `target` (events/README §7): any
    /// member who is not a lead, their own member, or a lead they appointed
    /// directly or through leads they appointed.
    func mayAct(_ actor: EventID, on target: EventID) -> Bool {
        if actor == target { return true }
        guard let t = members[target] else { return false }
        if t.isFounder { return false }
        guard t.role.value == .lead else { return true }
        var current = target
        for _ in 0...members.count {
            guard let up = appointer(of: current) else { return false }
            if up == actor { return true }
            current = up
        }
        return false
    }

    /// How many appointments separate `member` from the founder (the founder
    /// 0); nil when the walk does not reach the founder.
    func rank(of member: EventID) -> Int? {
        var current = member
        for depth in 0...members.count {
            guard let m = members[current] else { return nil }
            if m.isFounder { return depth }
            guard let up = appointer(of: current) else { return nil }
            current = up
        }
        return nil
    }
}
