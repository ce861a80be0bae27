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
    /// signs on background threads while this thread validates, stores and
    /// projects each event as soon as its signature is made: signing is the
    /// one cost a signed log cannot avoid, so it gets the cores and
    /// everything else runs beside it. An event is stored before it is
    /// projected, as a received one is, so the projections can name it by
    /// its position in the log.
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

    /// Appends batches that name events of the batches before them (a
    /// codebook's nested codes, whose `parent` is the id of an earlier
    /// `code.defined`; an import's codings of the documents it adds) in one
    /// transaction: all of it or none. An event's id is known only once the
    /// store has chosen its seq, prev and time under the write lock, so
    /// `body` appends stage by stage through `StagedAppend` and reads each
    /// stage's ids before preparing the next.
    @discardableResult
    public func append<T>(staged body: (StagedAppend) throws -> T) throws(AccordError) -> T {
        try write { db in try body(StagedAppend(db: db)) }
    }

    /// The append itself, inside the caller's write transaction, as
    /// `append(_:by:check:)` describes it.
    static func append(_ actions: [Action], by key: SigningKey, _ db: Database) throws -> [Event] {
        guard !actions.isEmpty else { return [] }
        var project = try EventLog.project(db).flatMap(EventID.init(hex:))
        let now = Store.nowMicros()
        let validator = try Validator(db: db, now: now)
        let author = try validator.chains.authorIndex(key.authorID)
        try Store.refuseToFork(key, author: author, db)
        // After the author's furthest event; any other of its chain tips (a
        // fork) is a head, so `deps` names it and this event heals the fork.
        let tip = try validator.chains.tip(of: author)
        var seq: Int64 = tip?.seq ?? 0
        var prev: EventID? = tip.flatMap { EventID(hex: $0.id) }
        var deps = try EventLog.heads(db).compactMap(EventID.init(hex:)).filter { $0 != prev }
        var parentTime = try Int64.fetchOne(db, sql: "SELECT max(time) FROM events") ?? 0

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

        let signing = ChunkedWork(count: drafts.count) { [drafts] i in drafts[i].signedEvent(by: key) }
        var events: [Event] = []
        events.reserveCapacity(drafts.count)
        var admissions: [Admission] = []
        admissions.reserveCapacity(drafts.count)
        do {
            for (i, draft) in drafts.enumerated() {
                let unsigned = draft.unsigned!
                let admission = try validator.validate(unsigned, project: unsigned.type == .projectCreated ? nil : project?.hex)
                let before = MemberEvent.types.contains(unsigned.type) ? validator.authority.globalResolution : nil
                validator.admit(unsigned, admission)
                let event = signing.result(i)
                let row = try EventLog.insertRow(event, admission, db)
                try Projector.apply(unsigned, row: row, member: validator.authority.member(of: unsigned, within: admission.clock),
                                        rows: validator.rows, db)
                try Effects.settle(unsigned, admission, before: before, validator: validator, db)
                events.append(event)
                admissions.append(admission)
            }
        } catch {
            signing.cancel()
            throw error
        }
        try EventLog.advanceHeads(events, admissions: admissions, db)
        return events
    }

    /// Refuses to write as a key when a remote is known to hold later events
    /// of that key than this replica: writing now would fork the key's chain
    /// (events/README §5). `sync` first brings those events here.
    static func refuseToFork(_ key: SigningKey, author: Int64, _ db: Database) throws {
        let local = try Int64.fetchOne(db, sql: "SELECT head_seq FROM authors WHERE idx = ?", arguments: [author]) ?? 0
        guard let row = try Row.fetchOne(db, sql: """
            SELECT remote, seq FROM remote_heads WHERE author = ? AND seq > ? ORDER BY seq DESC LIMIT 1
            """, arguments: [key.publicHex, local]) else { return }
        let remote: String = row[0], seq: Int64 = row[1]
        throw AccordError("sync_first", "\(remote) holds this key's events up to seq \(seq) and this replica only to \(local); "
            + "writing now would fork the key's history: run `accord sync \(remote)` first")
    }
}

/// One write transaction of `Store.append(staged:)`: what it holds so far
/// (`view`, including the stages already appended) and the next stage.
public struct StagedAppend {
    let db: Database

    /// The state with every earlier stage of this transaction in it.
    public var view: StoreView { StoreView(db: db) }

    /// Signs, validates and projects one stage by `key`; its events, in order.
    @discardableResult
    public func append(_ actions: [Action], by key: SigningKey) throws -> [Event] {
        try Store.append(actions, by: key, db)
    }
}
