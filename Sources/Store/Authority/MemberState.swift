/// The members, their names, roles and keys, as a set of member events folds
/// them (events/README §7, §9): every field a register, whose value is the
/// live edit with the greatest (time, author, id).
struct MemberState: Sendable {
    struct Edit<Value: Sendable>: Sendable {
        let event: MemberEvent
        let value: Value
        let base: [EventID]

        var id: EventID { event.id }

        /// Whether the edit lies in the past `clock` describes.
        func within(_ clock: CausalClock?) -> Bool { clock?.includes(chain: event.chain, seq: event.seq) ?? true }
    }

    /// A register's edits; the value is the winner among the live ones.
    struct Register<Value: Sendable>: Sendable {
        var edits: [Edit<Value>] = []

        /// The winner among the edits in the past `clock` describes (all when nil).
        func winner(within clock: CausalClock? = nil) -> Edit<Value>? {
            let seen = clock == nil ? edits : edits.filter { $0.within(clock) }
            let replaced = Set(seen.flatMap(\.base))
            return seen.filter { !replaced.contains($0.id) }.max { a, b in
                (a.event.time, a.event.author, a.event.id) < (b.event.time, b.event.author, b.event.id)
            }
        }

        var winner: Edit<Value>? { winner(within: nil) }
        var value: Value? { winner?.value }
    }

    struct Member: Sendable {
        let id: EventID
        let creation: MemberEvent
        /// Position of the creating event in fold order, for "created first".
        let created: Int
        let isFounder: Bool
        var name = Register<String>()
        var role = Register<Role>()
        var keys = Register<[AuthorID]>()
        var removals: [MemberEvent] = []

        var removed: Bool { !removals.isEmpty }

        func removed(within clock: CausalClock?) -> Bool {
            removals.contains { clock?.includes(chain: $0.chain, seq: $0.seq) ?? true }
        }
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
        switch event.body {
        case .projectCreated(let b):
            create(event, founder: true, name: b.member, role: .lead, keys: [event.author])
        case .memberAdded(let b):
            create(event, founder: false, name: b.name, role: b.role, keys: b.keys)
        case .memberChanged(let b):
            guard var member = members[b.member] else { return }
            if let name = b.name { member.name.edits.append(Edit(event: event, value: name, base: b.base)) }
            if let role = b.role { member.role.edits.append(Edit(event: event, value: role, base: b.base)) }
            if let keys = b.keys {
                member.keys.edits.append(Edit(event: event, value: keys, base: b.base))
                for key in keys { byKey[key, default: []].insert(b.member) }
            }
            members[b.member] = member
        case .memberRemoved(let b):
            members[b.member]?.removals.append(event)
        default:
            break
        }
    }

    private mutating func create(_ event: MemberEvent, founder: Bool, name: String, role: Role, keys: [AuthorID]) {
        guard members[event.id] == nil else { return }
        var member = Member(id: event.id, creation: event, created: count, isFounder: founder)
        count += 1
        member.name.edits.append(Edit(event: event, value: name, base: []))
        member.role.edits.append(Edit(event: event, value: role, base: []))
        member.keys.edits.append(Edit(event: event, value: keys, base: []))
        members[event.id] = member
        for key in keys { byKey[key, default: []].insert(event.id) }
    }

    /// The member `key` belongs to: one whose keys register holds it,
    /// preferring a member not removed, then the one created first. With a
    /// clock, as the past it describes shows it.
    func member(ofKey key: AuthorID, within clock: CausalClock? = nil) -> Member? {
        guard let candidates = byKey[key] else { return nil }
        return candidates.compactMap { members[$0] }
            .filter { member in
                (clock?.includes(chain: member.creation.chain, seq: member.creation.seq) ?? true)
                    && member.keys.winner(within: clock)?.value.contains(key) == true
            }
            .min { a, b in
                (a.removed(within: clock) ? 1 : 0, a.created) < (b.removed(within: clock) ? 1 : 0, b.created)
            }
    }

    /// The member who appointed `member` to its current role: the member the
    /// key that wrote its winning role edit belonged to in that edit's own
    /// causal past (events/README §7).
    func appointer(of member: EventID) -> EventID? {
        guard let m = members[member], !m.isFounder, let winner = m.role.winner else { return nil }
        return self.member(ofKey: winner.event.author, within: winner.event.clock)?.id
    }

    /// Whether `actor` may change or remove `target` (events/README §7): the
    /// founder always; others any member who is not a lead, their own
    /// member, or a lead they appointed directly or through leads they
    /// appointed.
    func mayAct(_ actor: EventID, on target: EventID) -> Bool {
        if actor == target || members[actor]?.isFounder == true { return true }
        guard let t = members[target] else { return false }
        guard t.role.value == .lead else { return true }
        if t.isFounder { return false }
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

    /// The winning role edits met walking up the appointers from `member`
    /// (only its own, when it is not a lead: no walk decides then).
    func appointmentEdits(from member: EventID) -> [MemberEvent] {
        guard let m = members[member] else { return [] }
        if m.role.value != .lead { return m.isFounder ? [] : m.role.winner.map { [$0.event] } ?? [] }
        var out: [MemberEvent] = []
        var current = member
        for _ in 0...members.count {
            guard let m = members[current], !m.isFounder, let winner = m.role.winner else { break }
            out.append(winner.event)
            guard let up = appointer(of: current) else { break }
            current = up
        }
        return out
    }
}
