import GRDB

/// The current codings as agreement counts them: only where, what and by
/// whom (document, code, member, span), each document, code and member named
/// once in a small table and every coding pointing into them.
///
/// Agreement on a large project reads every current coding; as listing rows
/// (`CodingRow`) each would carry its own id, author, time and five strings.
/// Read here from `coding_rows` alone, no event row is touched and no string
/// is made per coding (292k codings: the listing's read took ~0.3 s; the bare
/// SQLite pass over `coding_rows` ~25 ms).
public struct CodedSpans: Sendable {
    /// One current coding, by index into `documents`, `codes` and `members`.
    public struct Span: Sendable {
        public var document: Int32
        /// The code as the coding names it: not followed through merges.
        public var code: Int32
        public var member: Int32
        public var start: Int
        public var end: Int
    }

    /// Document ids.
    public var documents: [String] = []
    /// Code ids, as the codings name them.
    public var codes: [String] = []
    /// Member ids; nil for a coding whose author was no member.
    public var members: [String?] = []
    /// In no particular order.
    public var spans: [Span] = []

    static func read(_ db: Database) throws -> CodedSpans {
        let names = PositionNames(db)
        var out = CodedSpans()
        var documents = Interned(), codes = Interned(), members = Interned()
        // Voided codings keep their rows (a later resolution may restore
        // them): their positions, few, are set aside first.
        let voided = Set(try Int64.fetchAll(db, sql: "SELECT e.rowid FROM voided v JOIN main.events e ON e.id = v.id"))
        let rows = try Row.fetchCursor(db, sql: #"SELECT event, document, code, member, start, "end" FROM coding_rows WHERE uncoded_by IS NULL"#)
        while let row = try rows.next() {
            if !voided.isEmpty, voided.contains(row[0]) { continue }
            let member: Int64? = row[3]
            out.spans.append(Span(
                document: try documents.index(row[1]) { try out.documents.append(names.event($0)) },
                code: try codes.index(row[2]) { try out.codes.append(names.event($0)) },
                member: try members.index(member ?? -1) { try out.members.append($0 < 0 ? nil : names.event($0)) },
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
    /// Every current coding's document, code, member and span (`CodedSpans`).
    public func codedSpans() throws(AccordError) -> CodedSpans { try run { try CodedSpans.read(db) } }
}
