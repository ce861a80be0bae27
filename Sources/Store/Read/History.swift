import GRDB

/// One edit of a shared field (a code's name, a member's role): its value,
/// when and by whom, and the edits it replaced.
public struct EditRow: Sendable {
    public var id: String
    public var field: String
    public var value: JSONValue
    public var time: Int64
    public var author: String
    public var base: [String]
}

/// A `code.merged` or a retirement (`code.retired`, `document.retired`,
/// `member.removed`): the event, who and when.
public struct CodebookStep: Sendable {
    public var id: String
    public var author: String
    public var time: Int64
    /// The code merged into, for a merge.
    public var into: String?
}

extension StoreView {
    /// Every edit ever made to `thing` (a code, member or unit), oldest first:
    /// the history behind its registers.
    public func edits(of thing: String) throws(AccordError) -> [EditRow] {
        try run {
            var bases: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT b.edit_id, b.base_id FROM edit_bases b
                WHERE b.edit_id IN (SELECT edit_id FROM edits WHERE thing = ?) ORDER BY b.base_id
                """, arguments: [thing]) {
                bases[row[0], default: []].append(row[1])
            }
            return try Row.fetchAll(db, sql: """
                SELECT edit_id, field, value, time, author FROM edits WHERE thing = ? ORDER BY time, author, field
                """, arguments: [thing]).map {
                let id: String = $0[0]
                return EditRow(id: id, field: $0[1], value: try Register.parseStored($0[2] as String), time: $0[3], author: $0[4],
                               base: bases[id] ?? [])
            }
        }
    }

    /// The merges of `code` into another, oldest first.
    public func merges(of code: String) throws(AccordError) -> [CodebookStep] {
        try run {
            try Row.fetchAll(db, sql: "SELECT id, author, time, into_code FROM merges WHERE code = ? ORDER BY time, author, id",
                             arguments: [code]).map { CodebookStep(id: $0[0], author: $0[1], time: $0[2], into: $0[3]) }
        }
    }

    /// The retirements of `thing` (a code, document or member), oldest first.
    public func retirements(of thing: String) throws(AccordError) -> [CodebookStep] {
        try run {
            try Row.fetchAll(db, sql: "SELECT id, author, time FROM retirements WHERE thing = ? ORDER BY time, author, id",
                             arguments: [thing]).map { CodebookStep(id: $0[0], author: $0[1], time: $0[2], into: nil) }
        }
    }

    /// One stored event by its full id (nil in a view of the past, which
    /// holds projections only).
    public func event(id: String) throws(AccordError) -> Event? {
        try run { try db.tableExists("events") ? try EventLog.event(db, id: id) : nil }
    }
}
