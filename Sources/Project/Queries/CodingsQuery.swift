import Store

/// Which codings `accord codings` lists.
public struct CodingsQuery: Sendable {
    /// A member name.
    public var coder: String?
    /// A document title or id.
    public var document: String?
    /// A code path or id; codes merged into it count as it.
    public var code: String?
    /// Show other coders' codings even where the reader has not finished the document.
    public var reveal = false
    public var moment: Moment = .now

    public init() {}
}

/// Codings as a reader may see them, and how many blind coding hid.
public struct CodingsListing: Sendable {
    public var catalog: Catalog
    public var codings: [CodingRow]
    public var hidden: Int
    /// Says why codings were hidden, when some were.
    public var note: String?
}

extension Replica {
    /// The current codings (or those at `query.moment`) that `reader` may
    /// see under blind coding.
    public func codings(_ query: CodingsQuery, reader: SigningKey?) throws(AccordError) -> CodingsListing {
        try store.read(at: query.moment) { view in
            let catalog = try view.catalog()
            let documentID = try query.document.map { (d) throws(AccordError) in try catalog.document(named: d).id }
            let authors = try query.coder.map { (name) throws(AccordError) -> Set<String> in
                guard let member = catalog.member(named: name) else { throw AccordError.unknownMember("no member `\(name)`") }
                return Set(member.keys)
            }
            let codes = try query.code.map { (c) throws(AccordError) in Set([catalog.effectiveCode(try catalog.code(named: c).id)]) }
            let all = try view.codings(catalog: catalog, document: documentID, authors: authors, codes: codes)
            let blind = BlindCoding(reader: reader, catalog: catalog, progress: try view.progress(), reveal: query.reveal)
            // Most listings hide nothing (a lead's, or a coder's own codings):
            // then the rows are not copied into a second array.
            let visible = all.allSatisfy(blind.isVisible) ? all : all.filter(blind.isVisible)
            return CodingsListing(catalog: catalog, codings: visible, hidden: all.count - visible.count,
                                  note: blind.hiddenNote(all.count - visible.count))
        }
    }
}
