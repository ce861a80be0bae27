import Foundation
import GRDB

/// The context-dependent half of validity (DESIGN §3): chain, causality,
/// clock, authority and references, each judged against the event's causal
/// past only, so that every replica reaches the same verdict whatever order
/// events reach it in.
final class Validator {
    let db: Database
    /// The receiver's clock, microseconds; events may run at most 10 minutes ahead.
    let now: Int64
    /// Events of the same batch, validated but not yet in the log table.
    let pending = PendingEvents()
    let cache = FactCache()
    static let maxClockSkew: Int64 = 10 * 60 * 1_000_000

    init(db: Database, now: Int64) {
        self.db = db
        self.now = now
    }

    /// Checks `event` (whose signature its caller has verified, or is
    /// making) and returns its causal clock (its own entry excluded).
    func validate(_ event: UnsignedEvent, project: String?) throws -> CausalClock {
        if event.type == .projectCreated {
            if let project, project != event.id.hex { throw AccordError.wrongProject("a second genesis event: this store holds project \(project)") }
        } else {
            guard let project else { throw AccordError.wrongProject("this store has no project yet; its first event must be `project.created`") }
            guard event.project?.hex == project else {
                throw AccordError.wrongProject("event \(event.id) belongs to project \(event.project?.hex ?? "?"), not \(project)")
            }
        }

        // Chain: prev is this author's seq-1; a different event at this seq is an equivocation.
        let author = try Row.fetchOne(db.cachedStatement(sql: "SELECT idx, quarantined FROM authors WHERE key = ?"), arguments: [event.author.hex])
        let authorIndex: Int64? = author?[0]
        if let authorIndex {
            if author?[1] == true {
                throw AccordError.quarantined("author \(event.author.short)… is quarantined after an equivocation; a lead must decide")
            }
            if let other = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM events WHERE author = ? AND seq = ?"),
                                               arguments: [authorIndex, event.seq]) ?? pending.id(author: authorIndex, seq: event.seq) {
                throw AccordError.equivocation("author \(event.author.short)… already has event \(other) at seq \(event.seq)")
            }
        }
        var clock = CausalClock()
        var parentTime: Int64 = 0
        if let prev = event.prev {
            guard let parent = try pending.info(prev.hex, db) else {
                throw AccordError.missingPrev("prev \(prev) of event \(event.id) is not held here; sync its author's earlier events first")
            }
            guard parent.author == authorIndex, parent.seq == event.seq - 1 else {
                throw AccordError.badSeq("prev \(prev) is not event \(event.seq - 1) of the same author")
            }
            parentTime = parent.time
            clock.merge(parent.clock)
        }
        for dep in event.deps {
            guard let parent = try pending.info(dep.hex, db) else {
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

        let past = CausalPast(db: db, clock: clock, pending: pending, cache: cache)
        if event.type != .projectCreated {
            guard let membership = try past.membership(of: event.author.hex), !membership.removed else {
                throw AccordError.notMember("author \(event.author.short)… was not a member in the event's causal past")
            }
            guard membership.role.mayWrite(event.type) else {
                throw AccordError.forbidden("a \(membership.role.rawValue) may not write \(event.type.rawValue)")
            }
            try References(past: past, author: event.author.hex, membership: membership).check(event.body)
        }
        return clock
    }
}
