import Foundation
import Store

extension Replica {
    /// Adds a document from a file's bytes: UTF-8 only, normalised to LF and
    /// NFC, refused when a document with the same text is already there.
    /// Leads only.
    @discardableResult
    public func addDocument(data: Data, title: String, meta: [String: String] = [:], by key: SigningKey) throws(AccordError) -> Event {
        try addDocuments([(data, title)], meta: meta, by: key)[0]
    }

    /// Adds several documents in one transaction: if any file is refused,
    /// none is added.
    @discardableResult
    public func addDocuments(_ files: [(data: Data, title: String)], meta: [String: String] = [:],
                             by key: SigningKey) throws(AccordError) -> [Event] {
        var actions: [Action] = []
        var hashes: [String: String] = [:]
        for (data, title) in files {
            let text = try Replica.documentText(data, title: title)
            let sha = DocumentText.sha256(text)
            if let first = hashes[sha] {
                throw AccordError.duplicateDocument("`\(title)` has the same text as `\(first)`, given in the same command; nothing added")
            }
            hashes[sha] = title
            let metadata = Dictionary(meta.map { (DocumentText.normalise($0.key), $0.value) }, uniquingKeysWith: { $1 })
            actions.append(Action(.documentAdded(DocumentAdded(title: title, text: text, meta: metadata))))
        }
        let titles = hashes
        return try store.append(actions, by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "add documents")
            for document in catalog.documents {
                if let title = titles[document.sha256] {
                    throw AccordError.duplicateDocument("`\(title)` has the same text as document `\(document.title)` (\(document.id.prefix(12)))"
                        + (document.retired ? ", which is retired" : "") + "; nothing added")
                }
            }
        }
    }

    /// A file's text as accord keeps it, or why it cannot be a document.
    static func documentText(_ data: Data, title: String) throws(AccordError) -> String {
        guard !data.isEmpty else { throw AccordError("empty_file", "`\(title)` is empty; there is nothing to code") }
        guard let raw = String(data: data, encoding: .utf8) else {
            throw AccordError("not_utf8", "`\(title)` is not UTF-8 text; convert it first (e.g. `iconv -t UTF-8`)")
        }
        let text = DocumentText.normalise(raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw)
        guard !text.isEmpty else { throw AccordError("empty_file", "`\(title)` is empty; there is nothing to code") }
        return text
    }

    /// Retires a document: it leaves lists and agreement; its history stays.
    @discardableResult
    public func retireDocument(_ name: String, by key: SigningKey) throws(AccordError) -> Event {
        try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "retire documents")
            let document = try catalog.document(named: name)
            guard !document.retired else { throw AccordError.retiredDocument("`\(document.title)` is already retired") }
            return [Action(.documentRetired(DocumentRetired(document: EventID(hex: document.id)!)))]
        }[0]
    }

    /// Marks a document finished by this coder.
    @discardableResult
    public func markDone(_ name: String, by key: SigningKey) throws(AccordError) -> Event {
        try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.coder, catalog, key, to: "mark documents done")
            let document = try catalog.document(named: name)
            guard !document.retired else { throw AccordError.retiredDocument("`\(document.title)` is retired") }
            return [Action(.documentDone(DocumentDone(document: EventID(hex: document.id)!)))]
        }[0]
    }
}
