import GRDB

/// One `adjudication.decided`: a lead's consensus codes for a unit
/// (`document`, `[start, end)`), with the earlier decisions it replaces.
public struct DecisionRow: Sendable {
    public var id: String
    public var document: String
    public var start: Int
    public var end: Int
    /// Code ids as decided (not followed through merges); empty: no code applies.
    public var codes: [String]
    public var note: String
    public var author: String
    public var time: Int64
    /// The decisions on this unit the lead had seen.
    public var base: [String]
}

/// The decisions of a project, and which of them stand.
public struct Decisions: Sendable {
    /// Every decision, in (time, author, id) order.
    public var all: [DecisionRow]
    /// Per unit, the decisions no later decision on it names in `base`:
    /// one normally, several when leads decided concurrently (a conflict).
    /// The first is the value, the greatest (time, author), as for every register.
    public var live: [UnitKey: [DecisionRow]]

    public struct UnitKey: Sendable, Hashable, Comparable {
        public var document: String
        public var start: Int
        public var end: Int

        public init(document: String, start: Int, end: Int) {
            self.document = document
            self.start = start
            self.end = end
        }

        public static func < (a: UnitKey, b: UnitKey) -> Bool {
            (a.document, a.start, a.end) < (b.document, b.start, b.end)
        }
    }

    /// The standing decision of each decided unit (the winner where leads
    /// conflict), ordered by document id and position.
    public var standing: [DecisionRow] {
        live.keys.sorted().compactMap { live[$0]?.first }
    }

    /// The decisions touching `[start, end)` of `document`, standing or replaced.
    public func overlapping(document: String, start: Int, end: Int) -> [DecisionRow] {
        all.filter { $0.document == document && $0.start < end && start < $0.end }
    }
}

extension StoreView {
    /// Every adjudication and the standing decision of each unit (events/README §9).
    public func decisions() throws(AccordError) -> Decisions {
        try run {
            var bases: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT b.edit_id, b.base_id FROM edit_bases b JOIN adjudications a ON a.id = b.edit_id ORDER BY b.base_id
                """) {
                bases[row[0], default: []].append(row[1])
            }
            var all: [DecisionRow] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT id, document, start, "end", codes, note, author, time FROM adjudications ORDER BY time, author, id
                """) {
                let codes = try Register.parseStored(row[4] as String).arrayValue?.compactMap(\.stringValue) ?? []
                let id: String = row[0]
                all.append(DecisionRow(id: id, document: row[1], start: row[2], end: row[3], codes: codes, note: row[5],
                                       author: row[6], time: row[7], base: bases[id] ?? []))
            }
            var byUnit: [Decisions.UnitKey: [DecisionRow]] = [:]
            for d in all { byUnit[Decisions.UnitKey(document: d.document, start: d.start, end: d.end), default: []].append(d) }
            var live: [Decisions.UnitKey: [DecisionRow]] = [:]
            for (key, decisions) in byUnit {
                let superseded = Set(decisions.flatMap(\.base))
                live[key] = decisions.filter { !superseded.contains($0.id) }
                    .sorted { ($0.time, $0.author) > ($1.time, $1.author) }
            }
            return Decisions(all: all, live: live)
        }
    }

    /// The ids of the live decisions on one unit: what a new decision on it
    /// names as its `base`.
    public func liveDecisions(document: String, start: Int, end: Int) throws(AccordError) -> [String] {
        try liveEdits(thing: Adjudication.unitKey(document: document, start: Int64(start), end: Int64(end)), field: "codes")
    }
}
