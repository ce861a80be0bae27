import Foundation
import GRDB

/// What an author wants to append: a typed body; the store adds the envelope.
public struct Action: Sendable {
    public var body: EventBody

    public init(_ body: EventBody) { self.body = body }

    /// An action from a body given as JSON, read with the same rules as a
    /// received one (tests and tools that build bodies by hand).
    public init(_ type: EventType, _ json: JSONValue) throws(AccordError) {
        body = try EventBody(type: type, json: json)
    }

    public var type: EventType { body.type }
}

extension Store {
    /// Appends one event authored by `key`. `check` runs first inside the
    /// write transaction, for refusals that depend on the current state but
    /// are not validity rules (adding the same document twice, say).
    @discardableResult
    public func append(_ action: Action, by key: SigningKey,
                       check: ((StoreView) throws -> Void)? = nil) throws(AccordError) -> Event {
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
                       check: ((StoreView) throws -> Void)? = nil) throws(AccordError) -> [Event] {
        try append(by: key) { view in
            try check?(view)
            return actions
        }
    }

    /// Appends the actions `prepare` derives from the state it reads under
    /// the write lock (an edit's `base`, say), so nothing can slip in between
    /// reading and writing.
    @discardableResult
    public func append(by key: SigningKey, prepare: (StoreView) throws -> [Action]) throws(AccordError) -> [Event] {
        try write { db in try Store.append(try prepare(StoreView(db: db)), by: key, db) }
    }

    /// Appends several authors' batches (a CSV import naming several local
    /// coders) in one transaction: all of it or none. `prepare` derives them
    /// from the state under the write lock.
    @discardableResult
    public func append(prepare: (StoreView) throws -> [(key: SigningKey, actions: [Action])]) throws(AccordError) -> [[Event]] {
        try write { db in try prepare(StoreView(db: db)).map { try Store.append($0.actions, by: $0.key, db) } }
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
        var project = try EventLog.project(db).flatMap(EventID.init(hex:))
        let idx = try EventLog.authorIndex(db, key: author, create: true)!
        let head = try Row.fetchOne(db, sql: "SELECT head_seq, head_id FROM authors WHERE idx = ?", arguments: [idx])!
        var seq: Int64 = head[0]
        var prev: EventID? = (head[1] as String?).flatMap(EventID.init(hex:))
        var deps = try EventLog.heads(db).compactMap(EventID.init(hex:)).filter { $0 != prev }
        var parentTime = try Int64.fetchOne(db, sql: "SELECT max(time) FROM events") ?? 0
        let now = Store.nowMicros()

        var drafts: [EventDraft] = []
        drafts.reserveCapacity(actions.count)
        for action in actions {
            try action.body.checkValues()
            seq += 1
            let time = max(now, parentTime + 1)
            let draft = EventDraft(project: action.type == .projectCreated ? nil : project, author: key.authorID, seq: seq,
                                   prev: prev, deps: deps, time: time, body: action.body)
            guard draft.fitsTheSizeLimit else {
                throw AccordError.oversize("this \(action.type.rawValue) event would be over \(Event.maxBytes >> 20) MiB, "
                    + "the most any replica receives, so it could never be synced; nothing was written")
            }
            if action.type == .projectCreated { project = draft.unsigned!.id }
            drafts.append(draft)
            prev = draft.unsigned!.id
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
                let unsigned = draft.unsigned!
                let clock = try validator.validate(unsigned, project: unsigned.type == .projectCreated ? nil : project?.hex)
                var own = clock
                own.advance(author: idx, to: unsigned.seq)
                let position = EventPosition(author: idx, seq: unsigned.seq, time: unsigned.time, clock: own)
                validator.pending.add(unsigned.id.hex, position)
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
