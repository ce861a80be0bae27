import Agreement
import Store

/// The units of documents under one fixed scheme (document, paragraph,
/// sentence), as agreement compares on them: read from what the store keeps
/// (`StoreView.documentUnits`), a text read and split only for a document
/// met for the first time, and those then kept (`keep(in:)`). A document's
/// text never changes, so neither do its units: a series reads them once
/// for all its steps, and a call after the first splits no text.
final class KnownUnits {
    let scheme: UnitScheme
    private var byID: [String: DocumentUnits] = [:]
    /// Kept entries not read yet (decoded on first use: a call may compare a few documents of many).
    private var stored: [String: [UInt8]] = [:]
    /// Units split in this read, for `keep(in:)`.
    private var split: [String: [UInt8]] = [:]
    private var loaded = false

    init?(scheme: UnitScheme) {
        switch scheme {
        case .document, .paragraph, .sentence: self.scheme = scheme
        case .character, .segment: return nil
        }
    }

    /// The units of `document`, `length` scalars long.
    func units(of document: String, length: Int, _ view: StoreView) throws(AccordError) -> DocumentUnits {
        if let known = byID[document] { return known }
        let units = try find(document, length: length, view)
        byID[document] = units
        return units
    }

    private func find(_ document: String, length: Int, _ view: StoreView) throws(AccordError) -> DocumentUnits {
        guard let name = DocumentUnits.storedName(scheme) else { return DocumentUnits(ranges: [0..<length]) }
        if !loaded {
            stored = try view.documentUnits(scheme: name)
            loaded = true
        }
        // An entry that does not decode, or does not fit the text's length,
        // is split again and replaced.
        if let bytes = stored.removeValue(forKey: document), let units = DocumentUnits(bytes: bytes),
           units.ends.last.map({ $0 <= length }) ?? true {
            return units
        }
        let units = DocumentUnits(text: try view.documentText(document) ?? "", scheme: scheme)!
        split[document] = units.bytes
        return units
    }

    /// Keeps the units split by the reads so far, best effort.
    func keep(in store: Store) {
        guard let name = DocumentUnits.storedName(scheme), !split.isEmpty else { return }
        store.keepDocumentUnits(split, scheme: name)
        split = [:]
    }
}
