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
}

extension CodingRow {
    /// The current codings, optionally of one document, one author key set and
    /// one code set; codes of merged codes are reported under their target.
    static func fetch(_ db: Database, catalog: Catalog, document: String? = nil, authors: Set<String>? = nil,
                             codes: Set<String>? = nil) throws -> [CodingRow] {
        var sql = "SELECT id, author, document, code, start, \"end\", time FROM codings WHERE uncoded_by IS NULL"
        var arguments: StatementArguments = []
        if let document {
            sql += " AND document = ?"
            arguments += [document]
        }
        sql += " ORDER BY document, start, \"end\", time, id"
        var out: [CodingRow] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            var coding = CodingRow(id: row[0], author: row[1], document: row[2], code: row[3], start: row[4], end: row[5], time: row[6])
            coding.code = catalog.effectiveCode(coding.code)
            if let authors, !authors.contains(coding.author) { continue }
            if let codes, !codes.contains(coding.code) { continue }
            out.append(coding)
        }
        return out
    }
}

/// Who has marked which document done.
public struct Progress: Sendable {
    /// document id → author keys that marked it done.
    public var done: [String: Set<String>]

    init(_ db: Database) throws {
        done = [:]
        for row in try Row.fetchAll(db, sql: "SELECT document, author FROM done") {
            done[row[0], default: []].insert(row[1])
        }
    }

    /// Whether any of the member's keys marked the document done.
    public func isDone(_ document: String, by keys: [String]) -> Bool {
        guard let authors = done[document] else { return false }
        return keys.contains { authors.contains($0) }
    }
}
