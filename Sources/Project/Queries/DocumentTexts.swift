import Store

/// The texts of documents read so far: a series reads each once, not at
/// every step (a document's text never changes).
final class DocumentTexts {
    private var byID: [String: String] = [:]

    func text(of document: String, _ view: StoreView) throws(AccordError) -> String? {
        if let known = byID[document] { return known }
        let text = try view.documentText(document)
        byID[document] = text
        return text
    }
}
