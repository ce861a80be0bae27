import GRDB

/// One analytic memo (`memo.added`): on the project, or on a document, a
/// code or a coding.
public struct MemoRow: Sendable {
    public var id: String
    public var author: String
    public var time: Int64
    public var text: String
    public var document: String?
    public var code: String?
    public var coding: String?
}

extension StoreView {
    /// Every memo, oldest first (by time, then id), as the projection holds them.
    public func memos() throws(AccordError) -> [MemoRow] {
        try run {
            try Row.fetchAll(db, sql: "SELECT id, author, time, text, document, code, coding FROM memos ORDER BY time, id").map {
                MemoRow(id: $0[0], author: $0[1], time: $0[2], text: $0[3], document: $0[4], code: $0[5], coding: $0[6])
            }
        }
    }

    /// The coding with exactly this id, current or withdrawn: where a memo
    /// or a blame points.
    public func codingRow(id: String) throws(AccordError) -> (coding: CodingRow, uncodedBy: String?)? {
        try run {
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, author, document, code, start, "end", time, uncoded_by FROM codings WHERE id = ?
                """, arguments: [id]) else { return nil }
            return (CodingRow(id: row[0], author: row[1], document: row[2], code: row[3], start: row[4], end: row[5], time: row[6]),
                    row[7])
        }
    }
}
