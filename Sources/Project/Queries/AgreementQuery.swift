import Agreement
import Store

/// What `accord agreement` compares.
public struct AgreementQuery: Sendable {
    public var unit: UnitScheme = .paragraph
    /// Member names; empty means every member who has coded.
    public var coders: [String] = []
    /// Code paths or ids; empty means every live code.
    public var codes: [String] = []
    /// Only this exclusive group (its path).
    public var group: String?
    public var includeUnfinished = false
    /// Compare each coder against the decided consensus instead of with one another.
    public var againstConsensus = false
    public var moment: Moment = .now

    public init() {}

    var request: Comparison.Request {
        var request = Comparison.Request()
        (request.coders, request.codes, request.group, request.includeUnfinished) = (coders, codes, group, includeUnfinished)
        request.minimumCoders = againstConsensus ? 1 : 2
        return request
    }
}

/// A document agreement left out, and why.
/// A member who coded but is not compared, and why.
public struct LeftOutCoder: Sendable, Codable, Equatable {
    public var name: String
    public var reason: String
}

public struct LeftOutDocument: Sendable, Codable {
    public var document: String
    public var title: String
    public var reason: String
}

extension Replica {
    /// Agreement between coders at a moment: the codings, documents and
    /// codebook folded from the log, handed to the pure `Agreement` module.
    /// Only documents every compared coder marked done count, unless asked
    /// otherwise; the rest are listed with the reason.
    ///
    /// On fixed units (document, paragraph, sentence) no coding row and no
    /// text is read: the codings come as spans grouped by document, code and
    /// member (`CodingGroups`), and each document's units from what the
    /// store keeps (`KnownUnits`, which splits and keeps a document's text
    /// the first time only); the report is the same, byte for byte.
    public func agreement(_ query: AgreementQuery) throws(AccordError)
        -> (report: AgreementReport, leftOut: [LeftOutDocument], leftOutCoders: [LeftOutCoder]) {
        let units = KnownUnits(scheme: query.unit)
        defer { units?.keep(in: store) }
        return try store.read(at: query.moment) { view in try Replica.agreement(query, view, units: units) }
    }

    static func agreement(_ query: AgreementQuery, _ view: StoreView, units: KnownUnits?) throws(AccordError)
        -> (report: AgreementReport, leftOut: [LeftOutDocument], leftOutCoders: [LeftOutCoder]) {
        guard let units else {
            var comparison = try Comparison.build(view, query.request)
            if query.againstConsensus {
                comparison.input.reference = Comparison.consensus(try view.decisions(), catalog: comparison.catalog)
            }
            return (computeAgreement(comparison.input, unit: query.unit), comparison.leftOut, comparison.leftOutCoders)
        }
        let (comparison, coverage) = try Comparison.covered(view, query.request, units: units, consensus: query.againstConsensus)
        return (computeAgreement(coverage: coverage), comparison.leftOut, comparison.leftOutCoders)
    }
}
