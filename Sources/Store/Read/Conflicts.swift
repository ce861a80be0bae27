import GRDB

/// Something two people changed without seeing each other's change, or an
/// author who signed two different events at one seq.
public struct Conflict: Sendable {
    public enum Kind: String, Sendable { case codebook, member, adjudication, equivocation }
    public var kind: Kind
    /// The code, member, unit (`document:start:end`) or author concerned.
    public var thing: String
    public var field: String
    /// The competing edits or events, winner first: (event id, author key, value).
    public var sides: [(id: String, author: String, value: String)]
}

extension Store {
    /// Open conflicts: fields with more than one live edit (DESIGN §3 — the
    /// projection shows the greatest (time, author) until a lead's edit names
    /// every side in `base`), and equivocations kept as evidence.
    public func conflicts(at moment: Moment = .now) throws(AccordError) -> [Conflict] {
        let view = try view(at: moment)
        var out: [Conflict] = []
        do {
            try view.read { db in
                let members = Set(try String.fetchAll(db, sql: "SELECT id FROM members"))
                let codes = Set(try String.fetchAll(db, sql: "SELECT id FROM codes"))
                let candidates = try Row.fetchAll(db, sql: "SELECT thing, field FROM edits GROUP BY thing, field HAVING count(*) > 1")
                for row in candidates {
                    let thing: String = row[0], field: String = row[1]
                    let live = try Register.live(db, thing: thing, field: field)
                    guard live.count > 1 else { continue }
                    let kind: Conflict.Kind = codes.contains(thing) ? .codebook : members.contains(thing) ? .member : .adjudication
                    out.append(Conflict(kind: kind, thing: thing, field: field,
                                        sides: live.map { ($0.id, $0.author, CanonicalJSON.string($0.value)) }))
                }
            }
            if moment == .now {
                try database.read { db in
                    for row in try Row.fetchAll(db, sql: "SELECT id, author, seq, conflicts_with FROM equivocations ORDER BY author, seq") {
                        out.append(Conflict(kind: .equivocation, thing: row[1], field: "seq \(row[2] as Int64)",
                                            sides: [(row[3], row[1], "kept in the log"), (row[0], row[1], "kept as evidence")]))
                    }
                }
            }
        } catch let e as AccordError { throw e } catch { throw AccordError("store_error", "\(error)") }
        return out
    }
}
