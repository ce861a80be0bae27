import GRDB

/// The events an event had seen when it was made: the held events whose
/// (chain, seq) its clock covers. `clock == nil` means everything held, which
/// is exactly the causal past of an event this replica is authoring now.
///
/// A past is read as its own member events resolve it (events/README §11.4):
/// an event there that the past itself shows to be void (a removal by a lead
/// whose appointment the past shows to be cut, say) counts for nothing.
final class CausalPast {
    let db: Database
    let clock: CausalClock?
    let positions: EventPositions
    let cache: FactCache
    let authority: Authority
    private lazy var resolution: Resolution = authority.resolution(within: clock)
    /// When nothing in the past is cut or voided, every event in it counts.
    private lazy var trivial: Bool = resolution.cuts.isEmpty
        && resolution.effective.count == authority.events.filter { clock?.includes(chain: $0.chain, seq: $0.seq) ?? true }.count
    private var effectiveCache: [String: Bool] = [:]

    init(db: Database, clock: CausalClock?, positions: EventPositions, cache: FactCache, authority: Authority) {
        self.db = db
        self.clock = clock
        self.positions = positions
        self.cache = cache
        self.authority = authority
    }

    /// Whether event `id` is held and in this past.
    func contains(_ id: String) throws -> Bool {
        guard let info = try positions.info(id, db) else { return false }
        guard let clock else { return true }
        return clock.includes(chain: info.chain, seq: info.seq)
    }

    /// Whether event `id` is in this past and takes effect as the past resolves it.
    func counts(_ id: String) throws -> Bool {
        guard try contains(id) else { return false }
        if trivial { return true }
        if let known = effectiveCache[id] { return known }
        guard let info = try positions.info(id, db), let event = try positions.event(id, db) else { return false }
        let effective = try authority.voiding(of: event, chain: info.chain, clock: info.clock, under: resolution,
                                              isVoided: { [unowned self] in try !self.counts($0.hex) }) == nil
        effectiveCache[id] = effective
        return effective
    }

    /// A retirement of `thing` that counts in this past.
    func retired(_ thing: String) throws -> String? {
        for id in try retirements(of: thing) where try counts(id) { return id }
        return nil
    }

    func retirements(of thing: String) throws -> [String] {
        if let known = cache.retirements[thing] { return known }
        let ids = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM retirements WHERE thing = ? ORDER BY id"), arguments: [thing])
        cache.retirements[thing] = ids
        return ids
    }

    func merges(of code: String) throws -> [String] {
        if let known = cache.merges[code] { return known }
        let ids = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM merges WHERE code = ? ORDER BY id"), arguments: [code])
        cache.merges[code] = ids
        return ids
    }

    /// The member a key belongs to in this past, with their role.
    func membership(of key: String) -> Membership? {
        guard let id = AuthorID(hex: key), let member = resolution.state.member(ofKey: id), let role = member.role.value else { return nil }
        return Membership(member: member.id.hex, role: role, removed: member.removed)
    }

    /// The member `key` belonged to in the causal past of event `id` (for
    /// `not_own_coding`: each key is read as of its own event, §11.2).
    func member(ofKey key: String, asOf id: String) throws -> String? {
        guard let info = try positions.info(id, db), let author = AuthorID(hex: key) else { return nil }
        return authority.resolution(within: info.clock).state.member(ofKey: author)?.id.hex
    }

    /// Whether the member `actor` may change or remove `target` here (events/README §7).
    func mayAct(_ actor: String, on target: EventID) -> Bool {
        guard let a = EventID(hex: actor), resolution.state.members[target] != nil else { return true }
        return resolution.state.mayAct(a, on: target)
    }
}

struct Membership {
    var member: String
    var role: Role
    var removed: Bool
}
