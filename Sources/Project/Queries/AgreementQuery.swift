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
    public var moment: Moment = .now

    public init() {}
}

/// A document agreement left out, and why.
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
    public func agreement(_ query: AgreementQuery) throws(AccordError) -> (report: AgreementReport, leftOut: [LeftOutDocument]) {
        try store.read(at: query.moment) { view in
            let catalog = try view.catalog()
            let progress = try view.progress()
            let all = try view.codings(catalog: catalog)
            // Coders.
            var coders: [Catalog.Member] = []
            if query.coders.isEmpty {
                let authors = Set(all.compactMap(\.member))
                coders = catalog.members.filter { authors.contains($0.id) }
            } else {
                for name in query.coders {
                    guard let member = catalog.member(named: name) else { throw AccordError.unknownMember("no member `\(name)`") }
                    coders.append(member)
                }
            }
            guard coders.count >= 2 else {
                throw AccordError("too_few_coders", "agreement needs at least two coders with codings; found \(coders.map(\.name).joined(separator: ", "))")
            }
            let coderOfMember = Dictionary(coders.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            // Codes.
            var codes = catalog.codes.filter { !$0.retired && $0.mergedInto == nil }
            if !query.codes.isEmpty {
                let chosen = try query.codes.map { (name) throws(AccordError) in try catalog.code(named: name).id }
                codes = codes.filter { chosen.contains($0.id) }
            }
            func groupPath(_ code: Catalog.Code) -> String? {
                guard let parent = code.parent.flatMap(catalog.code(id:)), parent.exclusive else { return nil }
                return parent.path
            }
            if let group = query.group {
                let parent = try catalog.code(named: group)
                guard parent.exclusive else {
                    throw AccordError("not_exclusive", "`\(parent.path)` is not an exclusive code; mark it with `code change \(parent.path) --exclusive true`")
                }
                codes = codes.filter { $0.parent == parent.id }
            }
            if query.codes.isEmpty {
                // Categories that only group other codes, and that no one
                // applied, would add rows of trivial agreement.
                let parents = Set(catalog.codes.compactMap(\.parent))
                let applied = Set(all.map(\.code))
                codes = codes.filter { !parents.contains($0.id) || applied.contains($0.id) }
            }
            let codeIDs = Set(codes.map(\.id))
            // Documents.
            var documents: [AgreementDocument] = []
            var leftOut: [LeftOutDocument] = []
            for doc in catalog.documents where !doc.retired {
                let missing = coders.filter { !progress.isDone(doc.id, by: $0.id) }.map(\.name)
                if !missing.isEmpty, !query.includeUnfinished {
                    leftOut.append(LeftOutDocument(document: doc.id, title: doc.title,
                                                   reason: "not marked done by \(missing.joined(separator: ", "))"))
                    continue
                }
                let text = try view.documentText(doc.id) ?? ""
                documents.append(AgreementDocument(id: doc.id, title: doc.title, text: text))
            }
            let included = Set(documents.map(\.id))
            let codings = all.compactMap { c -> AgreementCoding? in
                guard included.contains(c.document), codeIDs.contains(c.code), let coder = c.member.flatMap({ coderOfMember[$0] }) else { return nil }
                return AgreementCoding(coder: coder, document: c.document, code: c.code, start: c.start, end: c.end)
            }
            let input = AgreementInput(
                documents: documents, coders: coders.map(\.name),
                codes: codes.map { AgreementCode(id: $0.id, path: $0.path, group: groupPath($0)) }, codings: codings)
            return (computeAgreement(input, unit: query.unit), leftOut)
        }
    }
}
