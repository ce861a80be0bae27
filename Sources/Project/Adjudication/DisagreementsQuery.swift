import Agreement
import Store

/// What `accord disagreements` lists.
public struct DisagreementsQuery: Sendable {
    public var unit: UnitScheme = .paragraph
    /// Member names; empty means every member who has coded.
    public var coders: [String] = []
    /// Code paths or ids; empty means every live code.
    public var codes: [String] = []
    /// Only this document (title or id).
    public var document: String?
    /// Only units no lead has decided yet.
    public var undecided = false
    public var includeUnfinished = false
    public var moment: Moment = .now

    public init() {}
}

/// One unit where the compared coders differ.
public struct Disagreement: Sendable {
    /// `DOCUMENT:START-END`, what `resolve` takes.
    public var name: String
    public var document: Catalog.Document
    public var start: Int
    public var end: Int
    /// The unit's text, whole.
    public var text: String
    /// Coder name → the paths of the codes they applied there, sorted.
    public var codes: [(coder: String, paths: [String])]
    /// The decided consensus over the unit (the standing decisions covering
    /// it), as code paths; nil when no decision covers it.
    public var consensus: [String]?
}

public struct DisagreementListing: Sendable {
    public var coders: [String]
    public var units: [Disagreement]
    public var leftOut: [LeftOutDocument]
    /// Units left out because blind coding hides the document from the reader.
    public var hidden: Int
    public var note: String?
}

extension Replica {
    /// Every unit where the compared coders differ, ordered by document and
    /// position: the same units, coders and documents `agreement` counts.
    public func disagreements(_ query: DisagreementsQuery, reader: SigningKey?) throws(AccordError) -> DisagreementListing {
        let units = KnownUnits(scheme: query.unit)
        defer { units?.keep(in: store) }
        return try store.read(at: query.moment) { view in
            var request = Comparison.Request()
            (request.coders, request.codes, request.document, request.includeUnfinished) =
                (query.coders, query.codes, query.document, query.includeUnfinished)
            let (comparison, all) = try Comparison.unitRatings(view, request, scheme: query.unit, units: units)
            let catalog = comparison.catalog
            let ratings = all.filter { !$0.agreed }
            let decisions = try view.decisions()
            let standing = Dictionary(grouping: decisions.standing, by: \.document)
            let blind = BlindCoding(reader: reader, catalog: catalog, progress: try view.progress(), reveal: false)
            // The units come document by document: one text is held at a time.
            var text: (document: String, slicer: ScalarSlicer)? = nil
            let sharedTitles = UnitName.sharedTitles(catalog)
            var units: [Disagreement] = []
            var hidden = 0
            // Documents in the comparison's order (the catalog's), units by position.
            let order = Dictionary(comparison.input.documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            let sorted = ratings.sorted { (order[$0.document] ?? 0, $0.start, $0.end) < (order[$1.document] ?? 0, $1.start, $1.end) }
            for rating in sorted {
                guard let document = catalog.document(id: rating.document) else { continue }
                guard blind.seesAll(of: document.id) else { hidden += 1; continue }
                let covering = (standing[rating.document] ?? []).filter { $0.start <= rating.start && rating.end <= $0.end }
                if query.undecided, !covering.isEmpty { continue }
                let consensus = covering.isEmpty ? nil : Set(covering.flatMap { $0.codes.map(catalog.effectiveCode) })
                    .map { catalog.path(ofCode: $0) }.sorted()
                if text?.document != document.id {
                    // Read here, for the documents listed: a comparison on fixed units carries no text.
                    text = (document.id, ScalarSlicer(try view.documentText(document.id) ?? ""))
                }
                units.append(Disagreement(
                    name: UnitName.format(document: document, start: rating.start, end: rating.end, sharedTitles: sharedTitles),
                    document: document, start: rating.start, end: rating.end, text: text!.slicer.text(rating.start..<rating.end),
                    codes: comparison.input.coders.map { coder in
                        (coder, (rating.codes[coder] ?? []).map { catalog.path(ofCode: $0) }.sorted())
                    },
                    consensus: consensus))
            }
            return DisagreementListing(
                coders: comparison.input.coders, units: units, leftOut: comparison.leftOut, hidden: hidden,
                note: hidden == 0 ? nil : "\(hidden) unit(s) hidden: blind coding hides other coders' work on documents you have not marked done")
        }
    }
}
