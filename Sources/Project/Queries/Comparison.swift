import Agreement
import Store

/// Which coders, codes and documents a comparison of coders covers: the one
/// rule `agreement`, `disagreements`, `resolve --agreed` and the trend share,
/// so a unit listed as a disagreement is exactly a unit the kappa tables count.
struct Comparison {
    var catalog: Catalog
    var coders: [Catalog.Member]
    var codes: [Catalog.Code]
    var leftOut: [LeftOutDocument]
    /// Members who coded but are not compared, with why.
    var leftOutCoders: [LeftOutCoder]
    var input: AgreementInput

    /// What to compare; empty lists mean the defaults.
    struct Request {
        var coders: [String] = []
        var codes: [String] = []
        var group: String?
        /// Only this document (title or id).
        var document: String?
        var includeUnfinished = false
        /// The fewest coders the comparison needs (two between coders, one against a reference).
        var minimumCoders = 2
    }

    /// The comparison `request` names, read from `view`.
    static func build(_ view: StoreView, _ request: Request) throws(AccordError) -> Comparison {
        let catalog = try view.catalog()
        return try build(view, request, catalog: catalog, codings: try view.codings(catalog: catalog))
    }

    /// The same over codings already held: a series passes the catalog and
    /// codings it holds for this state, and keeps the texts of documents
    /// (which never change) between its steps. Without `listing`,
    /// `input.codings` stays empty: a series that keeps its coverages hands
    /// the held groups to `CoverageCache` instead, and the documents'
    /// texts are not read (a coverage takes units, not text).
    static func build(_ view: StoreView, _ request: Request, catalog: Catalog, codings all: some ComparedCodings,
                      texts: DocumentTexts? = nil, listing: Bool = true) throws(AccordError) -> Comparison {
        let progress = try view.progress()
        // Coders.
        var coders: [Catalog.Member] = []
        var leftOutCoders: [LeftOutCoder] = []
        let only = try request.document.map { (d) throws(AccordError) in try catalog.document(named: d).id }
        // Who counts is decided over the whole project, so that narrowing to
        // one document (--doc) shows that document left out, with why,
        // rather than finding no coders.
        let candidates = Set(catalog.documents.filter { !$0.retired }.map(\.id))
        if request.coders.isEmpty {
            // A done marker is a rating: a coder who finished a document and
            // found nothing to code rated every unit "absent", and dropping
            // them would inflate agreement. So the default is every member
            // who marked a compared document done; with
            // --include-unfinished, also everyone who coded one.
            // A set of the few members, not of every coding: one pass.
            var authors = Set<String>()
            var run = DocumentRun(candidates)
            all.forEachCoder { document, member in
                if let member, run.contains(document) { authors.insert(member) }
            }
            let finished = Set(catalog.members.filter { m in candidates.contains { progress.isDone($0, by: m.id) } }.map(\.id))
            coders = catalog.members.filter { finished.contains($0.id) || (request.includeUnfinished && authors.contains($0.id)) }
            for member in catalog.members where authors.contains(member.id) && !coders.contains(where: { $0.id == member.id }) {
                leftOutCoders.append(LeftOutCoder(name: member.name, reason: "coded but marked no compared document done"))
            }
        } else {
            for name in request.coders {
                guard let member = catalog.member(named: name) else { throw AccordError.unknownMember("no member `\(name)`") }
                coders.append(member)
            }
        }
        guard coders.count >= request.minimumCoders else {
            let found = coders.isEmpty ? "none" : coders.map(\.name).joined(separator: ", ")
            let why = request.coders.isEmpty ? " who marked a document done" : ""
            throw AccordError("too_few_coders", "this needs at least \(request.minimumCoders == 1 ? "one coder" : "two coders")\(why); found \(found) (name them with --coders)")
        }
        let coderOfMember = Comparison.coderNames(coders)
        // Codes.
        var codes = catalog.codes.filter { !$0.retired && $0.mergedInto == nil }
        if !request.codes.isEmpty {
            let chosen = try request.codes.map { (name) throws(AccordError) in try catalog.code(named: name).id }
            codes = codes.filter { chosen.contains($0.id) }
        }
        func groupPath(_ code: Catalog.Code) -> String? {
            guard let parent = code.parent.flatMap(catalog.code(id:)), parent.exclusive else { return nil }
            return parent.path
        }
        if let group = request.group {
            let parent = try catalog.code(named: group)
            guard parent.exclusive else {
                throw AccordError("not_exclusive", "`\(parent.path)` is not an exclusive code; mark it with `code change \(parent.path) --exclusive true`")
            }
            codes = codes.filter { $0.parent == parent.id }
        }
        if request.codes.isEmpty {
            // Categories that only group other codes, and that no one
            // applied, would add rows of trivial agreement.
            let parents = Set(catalog.codes.compactMap(\.parent)).intersection(codes.map(\.id))
            if !parents.isEmpty {
                var applied = Set<String>()
                all.forEachCode { code in if parents.contains(code) { applied.insert(code) } }
                codes = codes.filter { !parents.contains($0.id) || applied.contains($0.id) }
            }
        }
        let codeIDs = Set(codes.map(\.id))
        // Documents.
        var documents: [AgreementDocument] = []
        var leftOut: [LeftOutDocument] = []
        for doc in catalog.documents where !doc.retired && (only == nil || only == doc.id) {
            let missing = coders.filter { !progress.isDone(doc.id, by: $0.id) }.map(\.name)
            if !missing.isEmpty, !request.includeUnfinished {
                leftOut.append(LeftOutDocument(document: doc.id, title: doc.title,
                                               reason: "not marked done by \(missing.joined(separator: ", "))"))
                continue
            }
            // A coverage is put together from each document's units, kept
            // apart (`KnownUnits`): its text is read only for a listing.
            var text: String? = nil
            if listing {
                if let texts { text = try texts.text(of: doc.id, view) } else { text = try view.documentText(doc.id) }
            }
            documents.append(AgreementDocument(id: doc.id, title: doc.title, text: text ?? ""))
        }
        var included = DocumentRun(Set(documents.map(\.id)))
        let codings = listing ? all.agreementCodings { document, code, member in
            guard included.contains(document), codeIDs.contains(code) else { return nil }
            return member.flatMap { coderOfMember[$0] }
        } : []
        let input = AgreementInput(
            documents: documents, coders: coders.map(\.name),
            codes: codes.map { AgreementCode(id: $0.id, path: $0.path, group: groupPath($0)) }, codings: codings)
        return Comparison(catalog: catalog, coders: coders, codes: codes, leftOut: leftOut, leftOutCoders: leftOutCoders, input: input)
    }

    /// Each compared member's id → the coder name the statistics know them by.
    static func coderNames(_ coders: [Catalog.Member]) -> [String: String] {
        Dictionary(coders.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The decided consensus as a reference rater: each unit's standing
    /// decision, its codes followed through merges.
    static func consensus(_ decisions: Decisions, catalog: Catalog) -> AgreementReference {
        AgreementReference(name: "consensus", decisions: decisions.standing.map { d in
            ReferenceDecision(document: d.document, start: d.start, end: d.end, codes: Set(d.codes.map(catalog.effectiveCode)))
        })
    }
}

/// The current codings a comparison reads: a listing (`[CodingRow]`), or
/// the codings grouped by document, code and member (`CodingGroups`).
protocol ComparedCodings {
    /// Calls `body` with each document and member some coding has, at least once each.
    func forEachCoder(_ body: (_ document: String, _ member: String?) -> Void)
    /// Calls `body` with each code (followed through merges) some coding has, at least once each.
    func forEachCode(_ body: (_ code: String) -> Void)
    /// The codings `keep` names a coder for, as the statistics take them.
    func agreementCodings(_ keep: (_ document: String, _ code: String, _ member: String?) -> String?) -> [AgreementCoding]
}

extension Array: ComparedCodings where Element == CodingRow {
    func forEachCoder(_ body: (_ document: String, _ member: String?) -> Void) {
        for c in self { body(c.document, c.member) }
    }

    func forEachCode(_ body: (_ code: String) -> Void) {
        for c in self { body(c.code) }
    }

    func agreementCodings(_ keep: (_ document: String, _ code: String, _ member: String?) -> String?) -> [AgreementCoding] {
        var out: [AgreementCoding] = []
        out.reserveCapacity(count)
        for c in self {
            guard let coder = keep(c.document, c.code, c.member) else { continue }
            out.append(AgreementCoding(coder: coder, document: c.document, code: c.code, start: c.start, end: c.end))
        }
        return out
    }
}

/// Membership in a set of documents for codings that come in runs of one
/// document: one hash per run, not per coding.
struct DocumentRun {
    let documents: Set<String>
    private var last: (document: String, member: Bool)?

    init(_ documents: Set<String>) { self.documents = documents }

    mutating func contains(_ document: String) -> Bool {
        if let last, last.document == document { return last.member }
        let member = documents.contains(document)
        last = (document, member)
        return member
    }
}
