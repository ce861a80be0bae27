import Store

/// Documents and who has finished each.
public struct DocumentListing: Sendable {
    public var catalog: Catalog
    public var progress: Progress

    /// The member names that marked `document` done, sorted.
    public func doneBy(_ document: Catalog.Document) -> [String] {
        (progress.done[document.id] ?? []).map { catalog.name(ofMember: $0) }.sorted()
    }
}

/// One document with its text and the codings a reader may see.
public struct DocumentView: Sendable {
    public var catalog: Catalog
    public var document: Catalog.Document
    public var text: String
    public var codings: [CodingRow]
    public var hidden: Int
    public var note: String?
}

extension Replica {
    public func documents(at moment: Moment = .now) throws(AccordError) -> DocumentListing {
        try store.read(at: moment) { view in DocumentListing(catalog: try view.catalog(), progress: try view.progress()) }
    }

    /// A document by title or id, its text, and its codings as `reader` may
    /// see them under blind coding.
    public func document(named name: String, at moment: Moment = .now, reader: SigningKey?,
                         reveal: Bool) throws(AccordError) -> DocumentView {
        try store.read(at: moment) { view in
            let catalog = try view.catalog()
            let doc = try catalog.document(named: name)
            let text = try view.documentText(doc.id) ?? ""
            let all = try view.codings(catalog: catalog, document: doc.id)
            let blind = BlindCoding(reader: reader, catalog: catalog, progress: try view.progress(), reveal: reveal)
            let visible = all.filter(blind.isVisible)
            return DocumentView(catalog: catalog, document: doc, text: text, codings: visible, hidden: all.count - visible.count,
                                note: blind.hiddenNote(all.count - visible.count))
        }
    }
}
