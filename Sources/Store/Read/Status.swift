import GRDB

/// What `status` reports.
public struct StoreStatus: Sendable {
    public var project: String
    public var name: String
    public var events: Int
    /// Author key → highest seq held.
    public var heads: [String: Int64]
    public var stateDigest: String
    public var members: Int
    public var documents: Int
    public var codes: Int
    public var codings: Int
}

extension Store {
    public func status(at moment: Moment = .now) throws(AccordError) -> StoreStatus {
        let view = try view(at: moment)
        var (project, events, heads): (String, Int, [String: Int64]) = try readDatabase { db in
            (try EventLog.project(db) ?? "", try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0, try EventLog.authorHeads(db))
        }
        if moment != .now {
            heads = [:]
            events = 0
            for bytes in try eventBytes(at: moment) {
                let event = try Event(stored: bytes)
                heads[event.author] = max(heads[event.author] ?? 0, event.seq)
                events += 1
            }
        }
        do {
            return try view.read { db in
                let catalog = try Catalog(db)
                return StoreStatus(
                    project: project, name: catalog.projectName, events: events, heads: heads,
                    stateDigest: try StateDigest.compute(db),
                    members: catalog.members.filter { !$0.removed }.count,
                    documents: catalog.documents.filter { !$0.retired }.count,
                    codes: catalog.codes.filter { !$0.retired && $0.mergedInto == nil }.count,
                    codings: try Int.fetchOne(db, sql: "SELECT count(*) FROM codings WHERE uncoded_by IS NULL AND id NOT IN (SELECT id FROM voided)") ?? 0)
            }
        } catch let e as AccordError { throw e } catch { throw AccordError("store_error", "\(error)") }
    }
}
