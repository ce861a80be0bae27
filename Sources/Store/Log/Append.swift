import Foundation
import GRDB

/// An action to append: an event type and its body.
public struct Action: Sendable {
    public var type: EventType
    public var body: JSONValue

    public init(_ type: EventType, _ body: JSONValue) {
        self.type = type
        self.body = body
    }
}

extension Store {
    /// Appends one event authored by `key`. `check` runs first inside the
    /// write transaction, for refusals that depend on the current state but
    /// are not validity rules (adding the same document twice, say).
    @discardableResult
    public func append(_ action: Action, by key: SigningKey,
                       check: ((Database) throws -> Void)? = nil) throws(AccordError) -> Event {
        try append([action], by: key, check: check)[0]
    }

    /// Appends a batch in one transaction: all of it or none.
    ///
    /// Under the write lock it chooses seq, prev, deps and the hybrid logical
    /// time (max(wall clock, newest held time + 1)), chains the ids, then
    /// signs on background threads while this thread validates and projects:
    /// signing is the one cost a signed log cannot avoid, so it gets the cores
    /// and everything else runs beside it.
    @discardableResult
    public func append(_ actions: [Action], by key: SigningKey,
                       check: ((Database) throws -> Void)? = nil) throws(AccordError) -> [Event] {
        try append(by: key) { db in
            try check?(db)
            return actions
        }
    }

    /// Appends the actions `prepare` derives from the state it reads under
    /// the write lock (an edit's `base`, say), so nothing can slip in between
    /// reading and writing.
    @discardableResult
    public func append(by key: SigningKey, prepare: (Database) throws -> [Action]) throws(AccordError) -> [Event] {
        try write { db in try Store.append(try prepare(db), by: key, db) }
    }

    /// Appends several authors' batches (a CSV import naming several local
    /// coders) in one transaction: all of it or none.
    @discardableResult
    public func append(groups: [(key: SigningKey, actions: [Action])]) throws(AccordError) -> [[Event]] {
        try write { db in try groups.map { try Store.append($0.actions, by: $0.key, db) } }
    }

    /// The append itself, inside the caller's write transaction.
    ///
    /// Under the write lock it chooses seq, prev, deps and the hybrid logical
    /// time (max(wall clock, newest held time + 1)), chains the ids, then
    /// signs on background threads while this thread validates and projects:
    /// signing is the one cost a signed log cannot avoid, so it gets the cores
    /// and everything else runs beside it.
    static func append(_ actions: [Action], by key: SigningKey, _ db: Database) throws -> [Event] {
        let author = key.publicHex
        var project = try EventLog.project(db)
        let idx = try EventLog.authorIndex(db, key: author, create: true)!
        let head = try Row.fetchOne(db, sql: "SELECT head_seq, head_id FROM authors WHERE idx = ?", arguments: [idx])!
        var seq: Int64 = head[0]
        var prev: String? = head[1]
        var deps = try EventLog.heads(db).filter { $0 != prev }
        var parentTime = try Int64.fetchOne(db, sql: "SELECT max(time) FROM events") ?? 0
        let now = Store.nowMicros()

        var drafts: [EventDraft] = []
        drafts.reserveCapacity(actions.count)
        for action in actions {
            try BodyRules.check(type: action.type, body: action.body)
            seq += 1
            let time = max(now, parentTime + 1)
            let draft = EventDraft(project: action.type == .projectCreated ? nil : project, author: author, seq: seq,
                                   prev: prev, deps: deps, time: time, type: action.type, body: action.body)
            if action.type == .projectCreated { project = draft.id }
            drafts.append(draft)
            prev = draft.id
            deps = []
            parentTime = time
        }

        let signing = Signer(drafts: drafts, key: key)
        signing.start()
        let validator = Validator(db: db, now: now)
        var clocks: [CausalClock] = []
        clocks.reserveCapacity(drafts.count)
        do {
            for draft in drafts {
                let unsigned = draft.sealed(signature: Signer.placeholder)
                let clock = try validator.validate(unsigned, project: unsigned.type == .projectCreated ? nil : project,
                                                   signatureChecked: true)
                var own = clock
                own.advance(author: idx, to: unsigned.seq)
                let position = EventPosition(author: idx, seq: unsigned.seq, time: unsigned.time, clock: own)
                validator.pending.add(unsigned.id, position)
                validator.cache.note(unsigned, position: position)
                try Projector.apply(unsigned, db)
                clocks.append(clock)
            }
        } catch {
            _ = signing.wait()
            throw error
        }
        let events = signing.wait()
        try EventLog.insertBatch(events, clocks: clocks, author: idx, db)
        return events
    }
}
