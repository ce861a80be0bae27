import GRDB

/// A current coding as agreement counts it: only where, what and by whom,
/// each of document, code and member an index into a `SpanNames`.
///
/// Agreement on a large project reads every current coding; as listing rows
/// (`CodingRow`) each would carry its own id, author, time and five strings.
/// Read from `coding_rows` alone, no event row is touched and no string is
/// made per coding (292k codings: the listing's read took ~0.3 s; the bare
/// SQLite pass over `coding_rows` ~25 ms).
public struct CodedSpan: Sendable, Equatable {
    public var document: Int32
    /// The code as the coding names it: not followed through merges.
    public var code: Int32
    public var member: Int32
    public var start: Int
    public var end: Int
}

/// The documents, codes and members that spans point into, each named once,
/// in the order first met. One table serves every read that passes it, so
/// the spans a series reads at its successive moments share their indexes.
public final class SpanNames {
    /// Document ids.
    public private(set) var documents: [String] = []
    /// Code ids, as the codings name them.
    public private(set) var codes: [String] = []
    /// Member ids; nil for a coding whose author was no member.
    public private(set) var members: [String?] = []
    private var documentIndex = Interned(), codeIndex = Interned(), memberIndex = Interned()

    public init() {}

    /// The spans of the rows `sql` selects, as (event, document, code,
    /// member, start, end) positions, less the voided codings.
    func spans(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [CodedSpan] {
        let names = PositionNames(db)
        // Voided codings keep their rows (a later resolution may restore
        // them): their positions, few, are set aside first.
        let voided = Set(try Int64.fetchAll(db, sql: "SELECT e.rowid FROM voided v JOIN main.events e ON e.id = v.id"))
        var out: [CodedSpan] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            if !voided.isEmpty, voided.contains(row[0]) { continue }
            let member: Int64? = row[3]
            out.append(CodedSpan(
                document: try documentIndex.index(row[1]) { try documents.append(names.event($0)) },
                code: try codeIndex.index(row[2]) { try codes.append(names.event($0)) },
                member: try memberIndex.index(member ?? -1) { try members.append($0 < 0 ? nil : names.event($0)) },
                start: row[4], end: row[5]))
        }
        return out
    }

    /// Small indexes for log positions, in the order first met: codings of
    /// one document or member come in runs, so the last one is kept aside.
    private struct Interned {
        private var indexes: [Int64: Int32] = [:]
        private var last: (position: Int64, index: Int32) = (.min, 0)

        mutating func index(_ position: Int64, new: (Int64) throws -> Void) rethrows -> Int32 {
            if position == last.position { return last.index }
            let index: Int32
            if let known = indexes[position] {
                index = known
            } else {
                index = Int32(indexes.count)
                indexes[position] = index
                try new(position)
            }
            last = (position, index)
            return index
        }
    }
}

extension StoreView {
    private static let spanColumns = #"c.event, c.document, c.code, c.member, c.start, c."end""#

    /// Every current coding's document, code, member and span, named in `names`.
    public func codedSpans(names: SpanNames) throws(AccordError) -> [CodedSpan] {
        try run { try names.spans(db, sql: "SELECT \(Self.spanColumns) FROM coding_rows c WHERE c.uncoded_by IS NULL") }
    }

    /// What changed in the current codings after `time`, up to the state
    /// read, as spans named in `names`: the codings made since that are
    /// current, and the codings that were current at `time` and an
    /// effective withdrawal since took away. Read through the log's time
    /// index, so a step of a series costs what happened in it.
    public func codedSpanChanges(after time: Int64, names: SpanNames) throws(AccordError) -> (added: [CodedSpan], withdrawn: [CodedSpan]) {
        try run {
            let added = try names.spans(db, sql: "SELECT \(Self.spanColumns) \(Self.addedAfter)", arguments: [time])
            let withdrawn = try names.spans(db, sql: "SELECT \(Self.spanColumns) \(Self.withdrawnAfter)", arguments: [time])
            return (added, withdrawn)
        }
    }

    /// The codings made after time `?1` that are current (`c` their
    /// `coding_rows` row, `e` their event). Only a coding has a
    /// `coding_rows` row, and `spans` sets the voided ones aside, so the
    /// events' time index alone finds them: no event row is read.
    private static let addedAfter = """
        FROM events e JOIN coding_rows c ON c.event = e.rowid
        WHERE e.time > ?1 AND c.uncoded_by IS NULL
        """

    /// The codings current at time `?1` that an effective withdrawal since
    /// took away, found from the withdrawals (few), not from the events
    /// since `?1` (many).
    private static let withdrawnAfter = """
        FROM coding_rows c JOIN events e ON e.rowid = c.event
        WHERE e.id IN (SELECT w.coding FROM withdrawals w CROSS JOIN events u ON u.id = w.id
                       WHERE u.time > ?1 AND u.type = 'segment.uncoded' AND w.id NOT IN (SELECT id FROM voided))
          AND e.time <= ?1 AND e.id NOT IN (SELECT id FROM voided)
          AND NOT EXISTS (SELECT 1 FROM withdrawals w JOIN events u ON u.id = w.id
                          WHERE w.coding = e.id AND u.time <= ?1 AND w.id NOT IN (SELECT id FROM voided))
        """
}
