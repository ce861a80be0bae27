/// `document.added`: the whole normalised text, content-addressed.
public struct DocumentAdded: Sendable, Equatable {
    public var title: String
    public var text: String
    public var sha256: EventID
    public var length: Int64
    public var meta: [String: String]

    public init(title: String, text: String, sha256: EventID, length: Int64, meta: [String: String]) {
        self.title = title
        self.text = text
        self.sha256 = sha256
        self.length = length
        self.meta = meta
    }

    /// A document from text already normalised (`DocumentText.normalise`).
    public init(title: String, text: String, meta: [String: String] = [:]) {
        self.init(title: title, text: text, sha256: DocumentText.sha256ID(text),
                  length: Int64(text.unicodeScalars.count), meta: meta)
    }
}

/// `document.retired`.
public struct DocumentRetired: Sendable, Equatable {
    public var document: EventID

    public init(document: EventID) { self.document = document }
}

/// `document.done`: the author has finished coding the document.
public struct DocumentDone: Sendable, Equatable {
    public var document: EventID

    public init(document: EventID) { self.document = document }
}
