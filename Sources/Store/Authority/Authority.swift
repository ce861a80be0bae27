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
            WHERE e.type IN ('project.created', 'member.added', 'member.changed', 'member.removed') ORDER BY e.rowid
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
    func resolution(within clock: CausalClock?) -> Resolution {
        let key = view(clock)
        if let known = pasts[key] { return known }
        let resolved = Resolution.resolve(key.map { events[$0] })
        pasts[key] = resolved
        return resolved
    }

    /// The resolution of every held member event (§12.2).
    var globalResolution: Resolution {
        if let global { return global }
        let resolved = Resolution.resolve(events)
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
        if let member, !member.removed {
            for cut in resolution.cuts {
                if let reason = cut.reaches(chain: chain, seq: event.seq, id: event.id, type: event.type, key: event.author,
                                            authorMember: member.id) {
                    return Voiding(reason: reason.rawValue, cause: cut.event.id)
                }
            }
        }
        guard let member, !member.removed, member.role.value?.mayWrite(event.type) == true else {
            return Voiding(reason: "no_authority",
                           cause: voidedMemberEvent(concerning: event.author, within: clock, under: resolution) ?? event.id)
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
        if let member = state.member(ofKey: event.author) {
            for cut in resolution.cuts {
                if let reason = cut.reaches(chain: chain, seq: event.seq, id: event.id, type: event.type, key: event.author,
                                            authorMember: member.id) {
                    return Voiding(reason: reason.rawValue, cause: cut.event.id)
                }
            }
        }
        if let target = event.body.references.first, state.members[target] == nil {
            return Voiding(reason: "voided_reference", cause: target)
        }
        return Voiding(reason: "no_authority",
                       cause: voidedMemberEvent(concerning: event.author, within: clock, under: resolution) ?? event.id)
    }

    /// The first voided member event in a past that concerns `key`'s member:
    /// what its authority rested on.
    private func voidedMemberEvent(concerning key: AuthorID, within clock: CausalClock, under resolution: Resolution) -> EventID? {
        let all = MemberState(view(clock).map { events[$0] })
        let member = all.member(ofKey: key)?.id
        return view(clock).map { events[$0] }.first { event in
            !resolution.effectiveIDs.contains(event.id) && (event.id == member || event.target == member)
        }?.id
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
