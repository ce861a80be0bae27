import Agreement
import Store

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

    /// A span's bounds against a document of `length` characters.
    static func check(span: (Int, Int), length: Int, title: String) throws(AccordError) -> (Int, Int) {
        let (s, e) = span
        guard s < e else { throw AccordError.emptySpan("span \(s):\(e) is empty: START must be less than END") }
        guard e <= length else {
            throw AccordError.spanOutOfRange("span \(s):\(e) lies outside `\(title)`, which has \(length) characters")
        }
        return (s, e)
    }

    /// The scalar range this anchor names in `text`.
    public func resolve(in text: String, title: String) throws(AccordError) -> (start: Int, end: Int) {
        switch self {
        case .span(let s, let e):
            return try Anchor.check(span: (s, e), length: text.unicodeScalars.count, title: title)
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
