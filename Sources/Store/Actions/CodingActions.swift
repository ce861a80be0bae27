import Agreement
import Foundation
import GRDB

/// Where in a document a coding goes.
public enum Anchor: Sendable, Equatable {
    /// Unicode-scalar offsets, half open.
    case span(Int, Int)
    /// The one place this text occurs.
    case quote(String)
    /// The Nth paragraph (from 1), paragraphs being separated by blank lines.
    case paragraph(Int)

    /// Parses `S:E`.
    public static func parseSpan(_ text: String) throws(AccordError) -> Anchor {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let s = Int(parts[0]), let e = Int(parts[1]), s >= 0 else {
            throw AccordError("bad_span", "--span takes START:END in characters, e.g. --span 120:184; got `\(text)`")
        }
        return .span(s, e)
    }

    /// The scalar range this anchor names in `text`.
    public func resolve(in text: String, title: String) throws(AccordError) -> (start: Int, end: Int) {
        let length = text.unicodeScalars.count
        switch self {
        case .span(let s, let e):
            guard s < e else { throw AccordError.emptySpan("span \(s):\(e) is empty: START must be less than END") }
            guard e <= length else {
                throw AccordError.spanOutOfRange("span \(s):\(e) lies outside `\(title)`, which has \(length) characters")
            }
            return (s, e)
        case .quote(let raw):
            let quote = DocumentText.normalise(raw)
            guard !quote.isEmpty else { throw AccordError("quote_not_found", "--quote is empty") }
            let hits = TextSearch.occurrences(of: quote, in: text)
            guard let first = hits.first else {
                throw AccordError("quote_not_found", "the quote is not in `\(title)`; check its spelling or use --span")
            }
            guard hits.count == 1 else {
                let places = hits.prefix(5).map { "\($0):\($0 + quote.unicodeScalars.count)" }.joined(separator: ", ")
                throw AccordError("quote_ambiguous", "the quote occurs \(hits.count) times in `\(title)` (at \(places)); quote more text or use --span")
            }
            return (first, first + quote.unicodeScalars.count)
        case .paragraph(let n):
            let paragraphs = Paragraphs.ranges(in: text)
            guard n >= 1, n <= paragraphs.count else {
                throw AccordError.spanOutOfRange("`\(title)` has \(paragraphs.count) paragraphs; --paragraph counts from 1")
            }
            return (paragraphs[n - 1].lowerBound, paragraphs[n - 1].upperBound)
        }
    }
}

extension Store {
    /// Codes a span of a document; returns the `segment.coded` event, whose
    /// id is the coding's id.
    @discardableResult
    public func apply(code: String, document: String, at anchor: Anchor, by key: SigningKey) throws(AccordError) -> Event {
        try append(by: key) { db in
            let catalog = try Catalog(db)
            try Store.requireRole(.coder, catalog, key, to: "code documents")
            return [try Store.codingAction(code: code, document: document, anchor: anchor, catalog: catalog, db)]
        }[0]
    }

    static func codingAction(code: String, document: String, anchor: Anchor, catalog: Catalog, _ db: Database) throws -> Action {
        let doc = try catalog.document(named: document)
        guard !doc.retired else { throw AccordError.retiredDocument("`\(doc.title)` is retired") }
        let target = try catalog.code(named: code)
        if target.retired { throw AccordError.retiredCode("code `\(target.path)` is retired") }
        if let into = target.mergedInto {
            throw AccordError.retiredCode("code `\(target.path)` was merged into `\(catalog.code(id: into)?.path ?? into)`; apply that")
        }
        let (start, end): (Int, Int)
        if case .span(let s, let e) = anchor {
            guard s < e else { throw AccordError.emptySpan("span \(s):\(e) is empty: START must be less than END") }
            guard e <= doc.length else {
                throw AccordError.spanOutOfRange("span \(s):\(e) lies outside `\(doc.title)`, which has \(doc.length) characters")
            }
            (start, end) = (s, e)
        } else {
            let text = try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [doc.id]) ?? ""
            (start, end) = try anchor.resolve(in: text, title: doc.title)
        }
        return Action(.segmentCoded, ["document": .string(doc.id), "code": .string(target.id), "start": .int(Int64(start)), "end": .int(Int64(end))])
    }

    /// Removes a coding: one's own, or anyone's for a lead.
    @discardableResult
    public func unapply(coding prefix: String, by key: SigningKey) throws(AccordError) -> Event {
        try append(by: key) { db in
            let catalog = try Catalog(db)
            try Store.requireRole(.coder, catalog, key, to: "remove codings")
            let ids = try String.fetchAll(db, sql: "SELECT id FROM codings WHERE id >= ? AND id < ? LIMIT 2",
                                          arguments: [prefix.lowercased(), prefix.lowercased() + "g"])
            guard prefix.count >= 8, ids.count == 1, let id = ids.first else {
                throw ids.count > 1 ? AccordError("ambiguous_id", "more than one coding id starts with \(prefix)")
                    : AccordError.unknownCoding("no coding \(prefix); `accord codings` lists them")
            }
            let row = try Row.fetchOne(db, sql: "SELECT author, uncoded_by FROM codings WHERE id = ?", arguments: [id])!
            if (row[1] as String?) != nil { throw AccordError.unknownCoding("coding \(id.prefix(12)) was already removed") }
            let owner: String = row[0]
            let me = catalog.member(forKey: key.publicHex)
            if me?.role != .lead, owner != key.publicHex, catalog.member(forKey: owner)?.id != me?.id {
                throw AccordError.notOwnCoding("coding \(id.prefix(12)) was made by \(catalog.name(ofKey: owner)); only they or a lead can remove it")
            }
            return [Action(.segmentUncoded, ["coding": .string(id)])]
        }[0]
    }
}

/// Finds text in text by Unicode scalars, the unit of every offset.
enum TextSearch {
    static func occurrences(of needle: String, in haystack: String) -> [Int] {
        let n = Array(needle.unicodeScalars), h = Array(haystack.unicodeScalars)
        guard !n.isEmpty, n.count <= h.count else { return [] }
        var hits: [Int] = []
        var i = 0
        while i + n.count <= h.count {
            if h[i] == n[0], h[i..<i + n.count].elementsEqual(n) { hits.append(i) }
            i += 1
        }
        return hits
    }
}
