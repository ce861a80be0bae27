import Store

/// One standing consensus decision as `codings --consensus` lists it.
public struct ConsensusEntry: Sendable {
    public var decision: DecisionRow
    /// The decided codes followed through merges, in codebook order.
    public var codes: [String]
    /// Other leads' concurrent decisions on the unit that no decision has settled yet.
    public var competing: [DecisionRow]
}

public struct ConsensusListing: Sendable {
    public var catalog: Catalog
    public var entries: [ConsensusEntry]
}

extension Replica {
    /// The consensus layer: each decided unit's standing decision, ordered by
    /// document and position; optionally of one document or naming one code.
    public func consensus(document: String? = nil, code: String? = nil, at moment: Moment = .now) throws(AccordError) -> ConsensusListing {
        try store.read(at: moment) { view in
            let catalog = try view.catalog()
            let documentID = try document.map { (d) throws(AccordError) in try catalog.document(named: d).id }
            let codeID = try code.map { (c) throws(AccordError) in catalog.effectiveCode(try catalog.code(named: c).id) }
            let decisions = try view.decisions()
            let order = Dictionary(catalog.documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            let codeOrder = Dictionary(catalog.codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            var entries: [ConsensusEntry] = []
            for (_, live) in decisions.live {
                guard let decision = live.first else { continue }
                if let documentID, decision.document != documentID { continue }
                let codes = Set(decision.codes.map(catalog.effectiveCode)).sorted { (codeOrder[$0] ?? 0, $0) < (codeOrder[$1] ?? 0, $1) }
                if let codeID, !codes.contains(codeID) { continue }
                entries.append(ConsensusEntry(decision: decision, codes: codes, competing: Array(live.dropFirst())))
            }
            entries.sort {
                (order[$0.decision.document] ?? 0, $0.decision.start, $0.decision.end) < (order[$1.decision.document] ?? 0, $1.decision.start, $1.decision.end)
            }
            return ConsensusListing(catalog: catalog, entries: entries)
        }
    }
}
