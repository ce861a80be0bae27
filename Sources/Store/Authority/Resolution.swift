/// Which member events of a causally closed set take effect
/// (events/README §12.2), and the cuts among them.
struct Resolution: Sendable {
    /// The member events that take effect, in fold order.
    let effective: [MemberEvent]
    let effectiveIDs: Set<EventID>
    /// The cuts kept, in the order they were chosen.
    let cuts: [Cut]
    /// The members as the effective events fold them.
    let state: MemberState

    /// Resolves `events`, a causally closed set of member events in fold
    /// order; `rank` gives each cut its author's distance from the founder as
    /// the cut's own causal past resolves it (nil: the walk does not reach).
    static func resolve(_ events: [MemberEvent], rank: (Cut) -> Int?) -> Resolution {
        var candidates = events.compactMap(\.cut)
        if candidates.isEmpty {
            let effective = fold(events, under: [])
            return Resolution(effective: effective, effectiveIDs: Set(effective.map(\.id)), cuts: [], state: MemberState(effective))
        }
        let ranks = Dictionary(uniqueKeysWithValues: candidates.map { ($0.event.id, rank($0) ?? Int.max) })
        candidates.sort { a, b in
            let ra = ranks[a.event.id]!, rb = ranks[b.event.id]!
            return ra != rb ? ra < rb : MemberEvent.foldOrder(a.event, b.event)
        }
        var kept: [Cut] = []
        var effective = fold(events, under: kept)
        for cut in candidates {
            let trial = fold(events, under: kept + [cut])
            let ids = Set(trial.map(\.id))
            if ids.contains(cut.event.id), kept.allSatisfy({ ids.contains($0.event.id) }) {
                kept.append(cut)
                effective = trial
            }
        }
        return Resolution(effective: effective, effectiveIDs: Set(effective.map(\.id)), cuts: kept, state: MemberState(effective))
    }

    /// Step 2 of §12.2: the member events that take effect when the cuts in
    /// `cuts` are in force.
    static func fold(_ events: [MemberEvent], under cuts: [Cut]) -> [MemberEvent] {
        var effective: [MemberEvent] = []
        // The members as every effective event so far folds them: the past of
        // most events, which usually saw everything before them.
        var running = MemberState()
        for event in events {
            let sawAll = effective.allSatisfy(event.sees)
            let past = sawAll ? running : MemberState(effective.filter(event.sees))
            if admits(event, in: past, under: cuts) {
                effective.append(event)
                running.apply(event)
            }
        }
        return effective
    }

    static func admits(_ event: MemberEvent, in past: MemberState, under cuts: [Cut]) -> Bool {
        if case .projectCreated = event.body { return true }
        guard let author = past.member(ofKey: event.author), !author.removed, let role = author.role.value,
              role.mayWrite(event.type)
        else { return false }
        if cuts.contains(where: { $0.reaches(chain: event.chain, seq: event.seq, clock: event.clock, type: event.type,
                                             key: event.author, authorMember: author.id) != nil }) {
            return false
        }
        if let target = event.target {
            guard past.members[target] != nil, past.mayAct(author.id, on: target) else { return false }
        }
        return true
    }
}
