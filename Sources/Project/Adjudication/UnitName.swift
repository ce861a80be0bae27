import Agreement
import Store

/// A unit as people name it: `DOCUMENT:START-END`, the document by title (by
/// id when another document shares the title), the span in Unicode scalars,
/// end exclusive. `disagreements` prints it; `resolve` reads it back.
public struct UnitName: Sendable, Hashable {
    public var document: String
    public var start: Int
    public var end: Int

    /// How `disagreements` names the unit; `sharedTitles` are the titles
    /// more than one document has (`sharedTitles(_:)`, found once per listing).
    static func format(document: Catalog.Document, start: Int, end: Int, sharedTitles: Set<String>) -> String {
        "\(sharedTitles.contains(document.title) ? document.id : document.title):\(start)-\(end)"
    }

    /// The titles more than one document of `catalog` has.
    static func sharedTitles(_ catalog: Catalog) -> Set<String> {
        var seen = Set<String>(), shared = Set<String>()
        for document in catalog.documents where !seen.insert(document.title).inserted { shared.insert(document.title) }
        return shared
    }

    /// Reads `DOC:START-END` (the last `:` separates the document, whose title may hold colons).
    static func parse(_ text: String, catalog: Catalog) throws(AccordError) -> (document: Catalog.Document, start: Int, end: Int) {
        guard let colon = text.lastIndex(of: ":") else { throw malformed(text) }
        let span = text[text.index(after: colon)...].split(separator: "-", omittingEmptySubsequences: false)
        guard span.count == 2, let start = Int(span[0]), let end = Int(span[1]), start >= 0 else { throw malformed(text) }
        let document = try catalog.document(named: String(text[..<colon]))
        guard start < end else { throw AccordError.emptySpan("unit `\(text)` is empty: START must be less than END") }
        guard end <= document.length else {
            throw AccordError.spanOutOfRange("unit `\(text)` ends past the end of `\(document.title)` (\(document.length) characters)")
        }
        return (document, start, end)
    }

    static func malformed(_ text: String) -> AccordError {
        AccordError("bad_unit_name", "a unit is DOCUMENT:START-END (e.g. `northwind:0-52`, as `accord disagreements` prints it); got `\(text)`")
    }

    /// Refuses a span that is not one unit of `scheme` in the document: a
    /// whole document, one paragraph or one sentence exactly; any span for
    /// character and segment units.
    static func requireAligned(_ text: String, document: Catalog.Document, start: Int, end: Int, scheme: UnitScheme,
                               documentText: String) throws(AccordError) {
        guard let units = DocumentUnits(text: documentText, scheme: scheme) else { return }
        let aligned = (0..<units.count).contains { units.starts[$0] == start && units.ends[$0] == end }
        guard aligned else {
            throw AccordError("unknown_unit", "`\(text)` is not a \(scheme.name) of `\(document.title)`; `accord disagreements --unit \(scheme.name)` lists its units")
        }
    }
}
