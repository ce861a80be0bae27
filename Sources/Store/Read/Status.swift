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
        let view = try view(at: moment)
        let project = try self.project() ?? ""
        var heads: [String: Int64] = [:]
        var events = 0
        for bytes in try eventBytes(at: moment) {
            let event = try Event(stored: bytes)
            heads[event.author] = max(heads[event.author] ?? 0, event.seq)
            events += 1
        }
        do {
            return try view.read { db in
                try StoreStatus(db, project: project, events: events, heads: heads, stateDigest: try StateDigest.compute(db),
                                codings: try CodingRow.currentCount(db))
            }
        } catch let e as AccordError { throw e } catch { throw AccordError("store_error", "\(error)") }
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
