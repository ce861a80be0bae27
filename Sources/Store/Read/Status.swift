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
        if moment == .now { return try liveStatus() }
        let project = try self.project() ?? ""
        return try readState(at: moment) { db in
            var heads: [String: Int64] = [:]
            var events = 0
            for row in try Row.fetchAll(db, sql: "SELECT a.key, max(e.seq), count(*) FROM events e JOIN authors a ON a.idx = e.author GROUP BY a.key") {
                heads[row[0]] = row[1]
                events += row[2] as Int
            }
            return try StoreStatus(db, project: project, events: events, heads: heads, stateDigest: try StateDigest.compute(db),
                                   codings: try CodingRow.currentCount(db))
        }
    }

    /// The present, read in one snapshot (counts, heads and digest agree
    /// even while a sync writes); what passes over whole tables comes from
    /// `StatusCache`.
    func liveStatus() throws(AccordError) -> StoreStatus {
        let (status, entry, key, cached) = try readDatabase { db in
            let (entry, key, cached) = try StatusCache.read(db)
            let status = try StoreStatus(db, project: try EventLog.project(db) ?? "", events: entry.events,
                                         heads: try EventLog.authorHeads(db), stateDigest: entry.digest, codings: entry.codings)
            return (status, entry, key, cached)
        }
        if !cached { keep(entry, at: key) }
        return status
    }
}

extension StoreStatus {
    init(_ db: Database, project: String, events: Int, heads: [String: Int64], stateDigest: String, codings: Int) throws {
        let catalog = try Catalog(db)
        self.init(
            project: project, name: catalog.projectName, events: events, heads: heads, stateDigest: stateDigest,
            members: catalog.members.filter { !$0.removed }.count,
            documents: catalog.documents.filter { !$0.retired }.count,
            codes: catalog.codes.filter { !$0.retired && $0.mergedInto == nil }.count, codings: codings)
    }
}
