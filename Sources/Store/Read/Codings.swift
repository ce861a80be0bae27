import GRDB

/// One current coding: a `segment.coded` event not removed by `segment.uncoded`.
public struct CodingRow: Sendable {
    public var id: String
    public var author: String
    public var document: String
    public var code: String
    public var start: Int
    public var end: Int
    public var time: Int64
    /// The member who made it: its author key's member in the coding's own
    /// causal past (a key can pass to someone else later).
    public var member: String?
}

extension CodingRow {
    /// How many codings are current: neither withdrawn nor voided.
    static func currentCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM codings WHERE uncoded_by IS NULL AND id NOT IN (SELECT id FROM voided)") ?? 0
    }

    /// The current codings, optionally of one document, one author key set and
    /// one code set; codes of merged codes are reported under their target.
    /// With `voided`, the codings not withdrawn that lost their effect instead
    /// (events/README §12.3): what `recover` can enter again.
    static func fetch(_ db: Database, catalog: Catalog, document: String? = nil, authors: Set<String>? = nil,
                      codes: Set<String>? = nil, voided: Bool = false) throws -> [CodingRow] {
        var sql = """
            SELECT \(columns) FROM coding_rows c JOIN events e ON e.rowid = c.event
            WHERE c.uncoded_by IS NULL AND e.id \(voided ? "IN" : "NOT IN") (SELECT id FROM voided)
            """
        var arguments: StatementArguments = []
        if let document {
            sql += " AND c.document = (SELECT rowid FROM events WHERE id = ?)"
            arguments += [document]
        }
        if let authors {
            sql += " AND e.author IN (SELECT idx FROM authors WHERE key IN (\(Array(repeating: "?", count: authors.count).joined(separator: ", "))))"
            arguments += StatementArguments(authors.sorted())
        }
        var out = try rows(db, catalog: catalog, codes: codes, sql: sql, arguments)
        sortForListing(&out)
        return out
    }

    /// A coding's columns, read by log position (`c` its `coding_rows` row,
    /// `e` its event), not through the `codings` view: its document, code,
    /// member and author are each one of a few, so each is named once per
    /// read (`PositionNames`) and shared by every row, and SQLite joins only
    /// the coding's own event.
    private static let columns = #"e.id, e.author, c.document, c.code, c.start, c."end", e.time, c.member"#

    private static func rows(_ db: Database, catalog: Catalog, codes: Set<String>? = nil, sql: String,
                             _ arguments: StatementArguments) throws -> [CodingRow] {
        let names = PositionNames(db)
        var out: [CodingRow] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let code = catalog.effectiveCode(try names.event(row[3]))
            if let codes, !codes.contains(code) { continue }
            out.append(CodingRow(id: row[0], author: try names.author(row[1]), document: try names.event(row[2]), code: code,
                                 start: row[4], end: row[5], time: row[6], member: try (row[7] as Int64?).map(names.event)))
        }
        return out
    }

    /// Puts codings in order of document, start, end, time and id (ids and
    /// texts in byte order, as SQLite's `ORDER BY` would put them).
    ///
    /// Sorted here, not by SQL: SQLite either reads the rows in
    /// `codings_document` order, fetching each from the table at random, or
    /// sorts records it must first serialise; ranking the few documents once
    /// and sorting integer keys is several times faster (one coder's 100k
    /// codings of a 300k-event store: the query with `ORDER BY` took 0.69 s,
    /// without it 0.06 s). The rows are then moved into place, not copied.
    static func sortForListing(_ codings: inout [CodingRow]) {
        var keys: [(document: Int, start: Int, end: Int, time: Int64, index: Int)] = []
        keys.reserveCapacity(codings.count)
        // Rows are read in place (a row copied is five retains and releases)
        // and come mostly grouped by document: one lookup per run.
        codings.withUnsafeBufferPointer { rows in
            var seen = Set<String>()
            var previous: String? = nil
            for i in rows.indices where rows[i].document != previous {
                previous = rows[i].document
                seen.insert(rows[i].document)
            }
            let documents = seen.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let rank = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1, $0) })
            var last: (document: String, rank: Int)? = nil
            for i in rows.indices {
                if last?.document != rows[i].document { last = (rows[i].document, rank[rows[i].document]!) }
                keys.append((last!.rank, rows[i].start, rows[i].end, rows[i].time, i))
            }
        }
        keys.sort { a, b in
            if (a.document, a.start, a.end, a.time) != (b.document, b.start, b.end, b.time) {
                return (a.document, a.start, a.end, a.time) < (b.document, b.start, b.end, b.time)
            }
            return codings[a.index].id.utf8.lexicographicallyPrecedes(codings[b.index].id.utf8)
        }
        // Apply the permutation cycle by cycle: position j takes the row at
        // keys[j].index.
        // Swapped through the buffer, whose `swapAt` moves the rows (the
        // array's copies them, retaining every string).
        var placed = [Bool](repeating: false, count: codings.count)
        codings.withUnsafeMutableBufferPointer { rows in
            for start in rows.indices where !placed[start] {
                var j = start
                while true {
                    placed[j] = true
                    let k = keys[j].index
                    if k == start { break }
                    rows.swapAt(j, k)
                    j = k
                }
            }
        }
    }
}

/// Who has marked which document done.
public struct Progress: Sendable {
    /// document id → the members who marked it done.
    public var done: [String: Set<String>]

    init(_ db: Database) throws {
        done = [:]
        for row in try Row.fetchAll(db, sql: "SELECT document, member FROM done WHERE id NOT IN (SELECT id FROM voided)") {
            if let member = row[1] as String? { done[row[0], default: []].insert(member) }
        }
    }

    /// Whether the member marked the document done.
    public func isDone(_ document: String, by member: String) -> Bool {
        done[document]?.contains(member) ?? false
    }
}

/// The ids of log positions and the keys of author indexes, each looked up
/// once per read and then shared: codings name a few documents, codes,
/// members and authors many times over.
final class PositionNames {
    private let db: Database
    private var events: [Int64: String] = [:]
    private var authors: [Int64: String] = [:]

    init(_ db: Database) { self.db = db }

    /// The id of the event at `position` (the live log's: ids do not change
    /// with the moment read).
    func event(_ position: Int64) throws -> String {
        if let id = events[position] { return id }
        let id = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM main.events WHERE rowid = ?"), arguments: [position])!
        events[position] = id
        return id
    }

    func author(_ index: Int64) throws -> String {
        if let key = authors[index] { return key }
        let key = try String.fetchOne(db.cachedStatement(sql: "SELECT key FROM main.authors WHERE idx = ?"), arguments: [index])!
        authors[index] = key
        return key
    }
}
