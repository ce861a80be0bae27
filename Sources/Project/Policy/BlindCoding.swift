import Store

/// Blind coding: a coder does not see other coders' codings of a document
/// until they have marked it done themselves, so first impressions stay
/// independent. Leads and auditors see everything; `reveal` overrides.
/// Courtesy, not secrecy: every replica holds every event.
public struct BlindCoding: Sendable {
    let readerKeys: [String]
    let readerMember: String?
    let blind: Bool
    let progress: Progress

    public init(reader: SigningKey?, catalog: Catalog, progress: Progress, reveal: Bool) {
        let member = reader.flatMap { catalog.member(forKey: $0.publicHex) }
        readerKeys = member?.keys ?? reader.map { [$0.publicHex] } ?? []
        readerMember = member?.id
        blind = !reveal && member?.role == .coder
        self.progress = progress
    }

    public func isVisible(_ coding: CodingRow) -> Bool {
        guard blind else { return true }
        if let readerMember, coding.member == readerMember { return true }
        return isVisible(author: coding.author, document: coding.document)
    }

    /// Whether the reader may see what `author` wrote about `document` (a
    /// coding, or a memo on the document or on one of its codings); nil
    /// `document`: about no document (a memo on a code or the project).
    public func isVisible(author: String, document: String?) -> Bool {
        guard blind, let document else { return true }
        return readerKeys.contains(author) || seesAll(of: document)
    }

    /// Whether the reader may see every coder's work on `document`.
    public func seesAll(of document: String) -> Bool {
        guard blind else { return true }
        guard let readerMember else { return false }
        return progress.isDone(document, by: readerMember)
    }

    /// How many codings were hidden, for a note under the output.
    public func hiddenNote(_ hidden: Int) -> String? {
        hidden == 0 ? nil : "\(hidden) coding(s) by other coders hidden until you mark their documents done (--reveal shows them)"
    }
}
