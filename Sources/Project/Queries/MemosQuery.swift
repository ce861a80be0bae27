import Store

/// Which memos `accord memo list` shows.
public struct MemosQuery: Sendable {
    /// A document title or id: memos on it and on its codings.
    public var document: String?
    /// A code path or id: memos on it (or a code merged into it) and on its codings.
    public var code: String?
    /// A coding id or prefix: memos on it.
    public var coding: String?
    /// Show other coders' memos on documents the reader has not finished.
    public var reveal = false
    public var moment: Moment = .now

    public init() {}
}

/// One memo with what it is about resolved.
public struct MemoEntry: Sendable {
    public var memo: MemoRow
    /// The document the memo is about, directly or through its coding.
    public var document: String?
    /// The coding's code, followed through merges, for a memo on a coding.
    public var codingCode: String?
}

/// Memos as a reader may see them, and how many blind coding hid.
public struct MemoListing: Sendable {
    public var catalog: Catalog
    public var memos: [MemoEntry]
    public var hidden: Int
    public var note: String?
}

extension Replica {
    /// The memos `reader` may see, oldest first. Memos follow blind coding as
    /// codings do: another coder's memo on a document, or on a coding of it,
    /// stays hidden from a coder until they have marked that document done.
    public func memos(_ query: MemosQuery, reader: SigningKey?) throws(AccordError) -> MemoListing {
        try store.read(at: query.moment) { view in
            let catalog = try view.catalog()
            let documentID = try query.document.map { (d) throws(AccordError) in try catalog.document(named: d).id }
            let codeID = try query.code.map { (c) throws(AccordError) in catalog.effectiveCode(try catalog.code(named: c).id) }
            let codingID = try query.coding.map { (c) throws(AccordError) in try view.coding(prefix: c).id }
            var entries: [MemoEntry] = []
            for memo in try view.memos() {
                var entry = MemoEntry(memo: memo, document: memo.document)
                if let coding = memo.coding, let row = try view.codingRow(id: coding) {
                    entry.document = row.coding.document
                    entry.codingCode = catalog.effectiveCode(row.coding.code)
                }
                if let documentID, entry.document != documentID { continue }
                if let codeID, memo.code.map(catalog.effectiveCode) != codeID, entry.codingCode != codeID { continue }
                if let codingID, memo.coding != codingID { continue }
                entries.append(entry)
            }
            let blind = BlindCoding(reader: reader, catalog: catalog, progress: try view.progress(), reveal: query.reveal)
            let visible = entries.filter { blind.isVisible(author: $0.memo.author, document: $0.document) }
            let hidden = entries.count - visible.count
            return MemoListing(catalog: catalog, memos: visible, hidden: hidden,
                               note: hidden == 0 ? nil : "\(hidden) memo(s) by other coders hidden until you mark their documents done (--reveal shows them)")
        }
    }
}
