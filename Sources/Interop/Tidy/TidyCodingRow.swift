import Foundation

/// One coding as a row of the tidy export: who applied which code to which
/// span of which document, when, and the text it covers.
public struct TidyCodingRow: Sendable, Equatable {
    /// The coder's name.
    public var coder: String
    /// The document's title.
    public var document: String
    /// `[start, end)` in Unicode scalars of the document's text.
    public var start: Int
    public var end: Int
    /// The code's path (`Parent/Child`).
    public var code: String
    /// The coded text (the document's text from `start` to `end`).
    public var text: String
    public var time: Date
    /// The coding's id.
    public var coding: String

    public init(coder: String, document: String, start: Int, end: Int, code: String, text: String, time: Date, coding: String) {
        self.coder = coder
        self.document = document
        self.start = start
        self.end = end
        self.code = code
        self.text = text
        self.time = time
        self.coding = coding
    }
}
