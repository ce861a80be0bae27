import Foundation
import GRDB

/// Where an admitted event goes in the log: its chain, and the causal clock
/// of its past with itself included.
struct Admission {
    var author: Int64
    var chain: Int64
    /// A chain this event starts (the author's first, or a fork).
    var newChain: Bool
    var clock: CausalClock

    var position: EventPosition { EventPosition(author: author, chain: chain, seq: clock[chain], time: 0, clock: clock) }
}

/// The context-dependent half of validity (events/README §11.2): chain,
/// causality, clock, authority and references, each judged against the
/// event's causal past only, so that every replica reaches the same verdict
/// whatever order events reach it in.
final class Validator {
    let db: Database
    /// The receiver's clock, microseconds; events may run at most 10 minutes ahead.
    let now: Int64
    /// Where held events sit, remembered as they are looked up or admitted.
    let positions = EventPositions()
    /// The log positions of the events the batch's codings refer to.
    let rows = EventRows()
    let cache = FactCache()
    let chains: Chains
    let authority: Authority
    static let maxClockSkew: Int64 = 10 * 60 * 1_000_000

    init(db: Database, now: Int64) throws {
        self.db = db
        self.now = now
        chains = try Chains(db: db)
        authority = try Authority(db: db)
    }

    /// Checks `event` (whose signature its caller has verified, or is
    /// making) and says where it goes.
    func validate(_ event: UnsignedEvent, project: String?) throws -> Admission {
        if event.type == .projectCreated {
            if let project, project != event.id.hex { throw AccordError.wrongProject("a second genesis event: this store holds project \(project)") }
        } else {
            guard let project else { throw AccordError.wrongProject("this store has no project yet; its first event must be `project.created`") }
            guard event.project?.hex == project else {
                throw AccordError.wrongProject("event \(event.id) belongs to project \(event.project?.hex ?? "?"), not \(project)")
            }
        }

        let author = try chains.authorIndex(event.author)
        var clock = CausalClock()
        var parentTime: Int64 = 0
        var parentPosition: EventPosition? = nil
        if let prev = event.prev {
            guard let parent = try positions.info(prev.hex, db) else {
                throw AccordError.missingPrev("prev \(prev) of event \(event.id) is not held here; sync its author's earlier events first")
            }
            guard parent.author == author, parent.seq == event.seq - 1 else {
                throw AccordError.badSeq("prev \(prev) is not event \(event.seq - 1) of the same author")
            }
            parentTime = parent.time
            clock.merge(parent.clock)
            parentPosition = parent
        }
        for dep in event.deps {
            guard let parent = try positions.info(dep.hex, db) else {
                throw AccordError.missingDep("dep \(dep) of event \(event.id) is not held here")
            }
            parentTime = max(parentTime, parent.time)
            clock.merge(parent.clock)
        }
        guard event.time > parentTime else {
            throw AccordError.badTime("time \(event.time) is not after its prev and deps (\(parentTime))")
        }
        guard event.time <= now + Validator.maxClockSkew else {
            throw AccordError.futureTime("time \(event.time) is more than 10 minutes ahead of this replica's clock")
        }

        let past = CausalPast(db: db, clock: clock, positions: positions, cache: cache, authority: authority)
        if event.type != .projectCreated {
            guard let membership = past.membership(of: event.author.hex), !membership.removed else {
                throw AccordError.notMember("author \(event.author.short)… was not a member in the event's causal past")
            }
            guard membership.role.mayWrite(event.type) else {
                throw AccordError.forbidden("a \(membership.role.rawValue) may not write \(event.type.rawValue)")
            }
            if let target = event.body.memberTarget, !past.mayAct(membership.member, on: target) {
                throw AccordError.forbidden(
                    "a lead may change or remove only leads they appointed, directly or through leads they appointed; \(target.short)… is not one")
            }
            try References(past: past, author: event.author.hex, membership: membership).check(event.body)
        }

        let placement = try chains.place(author: author, seq: event.seq, after: parentPosition)
        clock.advance(chain: placement.chain, to: event.seq)
        return Admission(author: author, chain: placement.chain, newChain: placement.isNew, clock: clock)
    }

    /// Records an admitted event (stored next, before the batch's next event
    /// is validated), so that later events can build on it.
    func admit(_ event: UnsignedEvent, _ admission: Admission) {
        var position = admission.position
        position.time = event.time
        positions.add(event, position)
        chains.extend(admission.chain, author: admission.author, seq: event.seq, id: event.id.hex, isNew: admission.newChain)
        cache.note(event)
        if MemberEvent.types.contains(event.type) {
            authority.add(MemberEvent(id: event.id, author: event.author, chain: admission.chain, seq: event.seq, time: event.time,
                                      clock: admission.clock, body: event.body))
        }
    }
}

extension EventBody {
    /// The member a `member.changed` or `member.removed` acts on.
    var memberTarget: EventID? {
        switch self {
        case .memberChanged(let b): return b.member
        case .memberRemoved(let b): return b.member
        default: return nil
        }
    }
}
