import GRDB

/// Who may do what, read from the member events a replica holds
/// (events/README §7, §11.4, §12): a member's standing in an event's own
/// causal past (for admission), and which events take effect over the whole
/// set (the global resolution).
///
/// Member events are few (tens, or hundreds in a large project), so they are
/// read once per transaction and every resolution is computed in memory and
/// remembered per causal past: the first event of a batch pays for it, the
/// other thousands look it up.
final class Authority {
    let db: Database
    /// The held and pending member events, in fold order.
    private(set) var events: [MemberEvent]
    private var global: Resolution?
    private var pasts: [[Int]: Resolution] = [:]
    private var effectivePasts: [[Int]: MemberState] = [:]
    /// Events found voided so far (their ids), for `voided_reference`.
    private var voidedCache: [EventID: Bool] = [:]

    init(db: Database) throws {
        self.db = db
        var loaded: [MemberEvent] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT e.chain, e.seq, e.clock, e.bytes FROM events e
            WHERE e.type IN \(Schema.memberTypes) ORDER BY e.rowid
            """)
        while let row = try rows.next() {
            let event = try Event(stored: (row[3] as Blob).bytes).unsigned
            loaded.append(MemberEvent(id: event.id, author: event.author, chain: row[0], seq: row[1], time: event.time,
                                      clock: CausalClock(blob: (row[2] as Blob).bytes), body: event.body))
        }
        events = loaded.sorted(by: MemberEvent.foldOrder)
    }

    /// Adds a member event just admitted (clock with its own entry).
    func add(_ event: MemberEvent) {
        let at = events.firstIndex { MemberEvent.foldOrder(event, $0) } ?? events.count
        events.insert(event, at: at)
        global = nil
        pasts.removeAll()
        effectivePasts.removeAll()
    }

    /// Which member events lie in the past given by `clock` (nil: all held).
    private func view(_ clock: CausalClock?) -> [Int] {
        guard let clock else { return Array(events.indices) }
        return events.indices.filter { clock.includes(chain: events[$0].chain, seq: events[$0].seq) }
    }

    /// The resolution of the member events in a causal past: the members,
    /// roles and keys an event there is judged by on admission (§11.4).
    func resolution(within clock: CausalClock?) -> Resolution { resolution(of: view(clock)) }

    private func resolution(of key: [Int]) -> Resolution {
        if let known = pasts[key] { return known }
        let resolved = Resolution.resolve(key.map { events[$0] }, rank: rank)
        pasts[key] = resolved
        return resolved
    }

    /// A cut's rank: its author's distance from the founder in the
    /// resolution of the cut's own causal past (§12.2, step 3).
    private func rank(_ cut: Cut) -> Int? {
        let past = view(cut.event.clock).filter { events[$0].id != cut.event.id }
        let state = resolution(of: past).state
        return state.member(ofKey: cut.event.author).flatMap { state.rank(of: $0.id) }
    }

    /// The member an event's author key belonged to in the event's own
    /// causal past, for the events that record who made them (codings, done
    /// marks); nil for the others, which need not pay for it.
    func member(of event: UnsignedEvent, within clock: CausalClock) -> String? {
        guard event.type == .segmentCoded || event.type == .documentDone else { return nil }
        return resolution(within: clock).state.member(ofKey: event.author)?.id.hex
    }

    /// The resolution of every held member event (§12.2).
    var globalResolution: Resolution {
        if let global { return global }
        let resolved = Resolution.resolve(events, rank: rank)
        global = resolved
        return resolved
    }

    /// The members as the effective member events of a causal past fold
    /// them (§12.3), `resolution` deciding which are effective.
    func effectiveState(within clock: CausalClock, under resolution: Resolution) -> MemberState {
        let key = view(clock).filter { resolution.effectiveIDs.contains(events[$0].id) }
        if let known = effectivePasts[key] { return known }
        let state = MemberState(key.map { events[$0] })
        effectivePasts[key] = state
        return state
    }

    /// Why an admitted event has no effect, if it has none (events/README
    /// §12.3); `clock` is its causal past with itself included. `resolution`
    /// is the global one, or a causal past's own when admission reads that
    /// past (§11.4), and `isVoided` then answers for that past.
    func voiding(of event: UnsignedEvent, chain: Int64, clock: CausalClock, under resolution: Resolution? = nil,
                 isVoided: ((EventID) throws -> Bool)? = nil) throws -> Voiding? {
        let resolution = resolution ?? globalResolution
        if MemberEvent.types.contains(event.type) {
            if resolution.effectiveIDs.contains(event.id) { return nil }
            return memberVoiding(of: event, chain: chain, clock: clock, under: resolution)
        }
        let state = effectiveState(within: clock, under: resolution)
        let member = state.member(ofKey: event.author)
        if let (reason, cut) = resolution.cuts.reaching(chain: chain, seq: event.seq, clock: clock, type: event.type,
                                                         key: event.author, authorMember: member?.id) {
            return Voiding(reason: reason.rawValue, cause: cut.event.id)
        }
        guard let member, !member.removed, member.role.value?.mayWrite(event.type) == true else {
            return noAuthority(event, clock: clock, under: resolution)
        }
        let voided = isVoided ?? self.isVoided
        for reference in event.body.references where try voided(reference) {
            return Voiding(reason: "voided_reference", cause: reference)
        }
        return nil
    }

    /// The reason a member event a resolution leaves out has no effect.
    private func memberVoiding(of event: UnsignedEvent, chain: Int64, clock: CausalClock, under resolution: Resolution) -> Voiding {
        let state = effectiveState(within: clock, under: resolution)
        let member = state.member(ofKey: event.author)
        if let (reason, cut) = resolution.cuts.reaching(chain: chain, seq: event.seq, clock: clock, type: event.type,
                                                         key: event.author, authorMember: member?.id) {
            return Voiding(reason: reason.rawValue, cause: cut.event.id)
        }
        if let member, !member.removed, member.role.value?.mayWrite(event.type) == true,
           let target = event.body.memberTarget, state.members[target] == nil {
            return Voiding(reason: "voided_reference", cause: target)
        }
        return noAuthority(event, clock: clock, under: resolution)
    }

    /// `no_authority` and its cause (events/README §12.3, item 2): the first
    /// voided event the author's standing rests on, as the event's own past
    /// resolves it; else a cut in that past which the past shows void but
    /// the resolution keeps.
    private func noAuthority(_ event: UnsignedEvent, clock: CausalClock, under resolution: Resolution) -> Voiding {
        let own = self.resolution(within: clock).state
        let voided = { (e: MemberEvent) in !resolution.effectiveIDs.contains(e.id) }
        if let member = own.member(ofKey: event.author, within: clock) {
            var candidates = [member.creation]
            if let keys = member.keys.winner(within: clock) { candidates.append(keys.event) }
            if let role = member.role.winner(within: clock) { candidates.append(role.event) }
            if let target = event.body.memberTarget { candidates += own.appointmentEdits(from: target) }
            if let first = candidates.first(where: voided) { return Voiding(reason: "no_authority", cause: first.id) }
            let effective = effectiveState(within: clock, under: resolution)
            let cuts = view(clock).map { events[$0] }.compactMap(\.cut).filter { cut in
                guard resolution.effectiveIDs.contains(cut.event.id), cut.target == member.id,
                      cut.forbids(event.type, key: event.author) != nil, let target = effective.members[cut.target]
                else { return false }
                // A role or keys change counts while it is still the value of that register.
                switch cut.kind {
                case .removal: return true
                case .role: return target.role.winner?.id == cut.event.id
                case .keys: return target.keys.winner?.id == cut.event.id
                }
            }
            if let cut = cuts.min(by: { a, b in
                let ra = a.forbids(event.type, key: event.author)!, rb = b.forbids(event.type, key: event.author)!
                return ra != rb ? ra < rb : MemberEvent.foldOrder(a.event, b.event)
            }) {
                return Voiding(reason: cut.forbids(event.type, key: event.author)!.rawValue, cause: cut.event.id)
            }
        }
        return Voiding(reason: "no_authority", cause: event.id)
    }

    /// Whether an event was voided (the `voided` projection, or this transaction's findings).
    func isVoided(_ id: EventID) throws -> Bool {
        if let known = voidedCache[id] { return known }
        let voided = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM voided WHERE id = ?"), arguments: [id.hex]) == true
        voidedCache[id] = voided
        return voided
    }

    func noteVoided(_ id: EventID) { voidedCache[id] = true }

    /// Forgets what was read from the `voided` table (after a refold rewrote it).
    func forgetVoided() { voidedCache.removeAll() }
}

/// Why an admitted event has no effect: a reason code and the event that caused it.
struct Voiding: Sendable, Equatable {
    var reason: String
    var cause: EventID
}

extension EventBody {
    /// The events this body names whose voiding voids it (events/README §12.3):
    /// everything it refers to except `base`.
    var references: [EventID] {
        switch self {
        case .projectCreated, .memberAdded, .documentAdded: return []
        case .memberChanged(let b): return [b.member]
        case .memberRemoved(let b): return [b.member]
        case .documentRetired(let b): return [b.document]
        case .documentDone(let b): return [b.document]
        case .codeDefined(let b): return b.parent.map { [$0] } ?? []
        case .codeChanged(let b): return [b.code] + ((b.parent ?? nil).map { [$0] } ?? [])
        case .codeMerged(let b): return [b.code, b.into]
        case .codeRetired(let b): return [b.code]
        case .segmentCoded(let b): return [b.document, b.code]
        case .segmentUncoded(let b): return [b.coding]
        case .memoAdded(let b): return [b.document, b.code, b.coding].compactMap { $0 }
        case .adjudicationDecided(let b): return [b.document] + b.codes
        }
    }
}
