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
    /// The current codings, optionally of one document, one author key set and
    /// one code set; codes of merged codes are reported under their target.
    /// With `voided`, the codings not withdrawn that lost their effect instead
    /// (events/README §12.3): what `recover` can enter again.
    static func fetch(_ db: Database, catalog: Catalog, document: String? = nil, authors: Set<String>? = nil,
                      codes: Set<String>? = nil, voided: Bool = false) throws -> [CodingRow] {
        var sql = """
            SELECT id, author, document, code, start, "end", time, member FROM codings
            WHERE uncoded_by IS NULL AND id \(voided ? "IN" : "NOT IN") (SELECT id FROM voided)
            """
        var arguments: StatementArguments = []
        if let document {
            sql += " AND document = ?"
            arguments += [document]
        }
        sql += " ORDER BY document, start, \"end\", time, id"
        var out: [CodingRow] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            var coding = CodingRow(id: row[0], author: row[1], document: row[2], code: row[3], start: row[4], end: row[5], time: row[6],
                                   member: row[7])
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
