import Agreement
import Foundation
import Store

extension Replica {
    /// Codes a span of a document; returns the `segment.coded` event, whose
    /// id is the coding's id.
    @discardableResult
    public func apply(code: String, document: String, at anchor: Anchor, by key: SigningKey) throws(AccordError) -> Event {
        try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.coder, catalog, key, to: "code documents")
            return [try Replica.codingAction(code: code, document: document, anchor: anchor, catalog: catalog, view)]
        }[0]
    }

    static func codingAction(code: String, document: String, anchor: Anchor, catalog: Catalog,
                             _ view: StoreView) throws(AccordError) -> Action {
        let doc = try catalog.document(named: document)
        guard !doc.retired else { throw AccordError.retiredDocument("`\(doc.title)` is retired") }
        let target = try catalog.code(named: code)
        if target.retired { throw AccordError.retiredCode("code `\(target.path)` is retired") }
        if let into = target.mergedInto {
            throw AccordError.retiredCode("code `\(target.path)` was merged into `\(catalog.path(ofCode: into))`; apply that")
        }
        // A policy of this use case, not an admission rule: a received coding
        // of a code that groups others is admitted (events/README, `code.defined`).
        guard target.codable else {
            throw AccordError("not_codable", "code `\(target.path)` only groups other codes (not codable); apply one of its children "
                + "or change it with `code change \(target.path) --codable true`")
        }
        let (start, end): (Int, Int)
        if case .span(let s, let e) = anchor {
            (start, end) = try Anchor.check(span: (s, e), length: doc.length, title: doc.title)
        } else {
            (start, end) = try anchor.resolve(in: try view.documentText(doc.id) ?? "", title: doc.title)
        }
        return Action(.segmentCoded(SegmentCoded(document: EventID(hex: doc.id)!, code: EventID(hex: target.id)!,
                                                 start: Int64(start), end: Int64(end))))
    }

    /// Removes a coding: one's own, or anyone's for a lead.
    @discardableResult
    public func unapply(coding prefix: String, by key: SigningKey) throws(AccordError) -> Event {
        try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.coder, catalog, key, to: "remove codings")
            let coding = try view.coding(prefix: prefix)
            if coding.withdrawn { throw AccordError.unknownCoding("coding \(coding.id.prefix(12)) was already removed") }
            let me = catalog.member(forKey: key.publicHex)
            if me?.role != .lead, coding.author != key.publicHex, catalog.member(forKey: coding.author)?.id != me?.id {
                throw AccordError.notOwnCoding("coding \(coding.id.prefix(12)) was made by \(catalog.name(ofKey: coding.author)); only they or a lead can remove it")
            }
            return [Action(.segmentUncoded(SegmentUncoded(coding: EventID(hex: coding.id)!)))]
        }[0]
    }
}
