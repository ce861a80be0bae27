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
        if let readerMember, coding.member == readerMember || progress.isDone(coding.document, by: readerMember) { return true }
        return readerKeys.contains(coding.author)
    }

    /// How many codings were hidden, for a note under the output.
    public func hiddenNote(_ hidden: Int) -> String? {
        hidden == 0 ? nil : "\(hidden) coding(s) by other coders hidden until you mark their documents done (--reveal shows them)"
    }
}
