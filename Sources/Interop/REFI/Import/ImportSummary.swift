/// What an import read, skipped and adjusted; the CLI prints `lines`.
public struct ImportSummary: Sendable, Equatable {
    /// The document's namespace (`urn:QDA-XML:project:1.0`, `urn:QDA-XML:codebook:0:4`, …).
    public var namespace = ""
    /// The `origin` attribute: the software that wrote the file.
    public var origin: String?

    public var users = 0
    public var codes = 0
    public var sources = 0
    /// Selections imported (each with at least one coding).
    public var selections = 0
    public var codings = 0
    public var notes = 0
    public var sets = 0

    /// Selections without any coding (MAXQDA writes these for commented passages): skipped.
    public var selectionsWithoutCoding = 0
    /// Selections whose start equals their end: skipped.
    public var emptySelections = 0
    /// Selections whose start or end fell inside something normalisation fuses
    /// (a CRLF counted as two, a letter and its combining mark) and was rounded outwards.
    public var roundedSelections = 0
    /// Sources whose name repeated an earlier source's and was made unique.
    public var renamedSources = 0
    /// Users that codings or sources name but `Users` lacks: added without a name.
    public var usersAddedFromReferences = 0
    /// `NoteRef`s and note `Link`s whose other end is not in the file: dropped.
    public var unresolvedNoteTargets = 0

    /// Elements the schema does not have (or in another namespace): ignored.
    public var unknownElements = 0
    /// Attributes the schema does not have: ignored.
    public var unknownAttributes = 0
    /// Elements the schema has but accord does not import, by name (`PictureSource`, `Variable`, `Case`, `Graph`, …).
    public var notImported: [String: Int] = [:]
    /// Other schema violations the import tolerated (see `REFIReadOptions.strictSchema`).
    public var schemaDeviations = 0
    /// The first few unknown elements, attributes and deviations, located (`element X at line N: …`).
    public var messages: [String] = []

    /// How positions were counted, and why that convention (nil for a codebook).
    public var positionConvention: PositionConvention?
    public var positionConventionReason: String?

    public init() {}

    static let messageLimit = 20

    mutating func note(_ message: String) {
        if messages.count < ImportSummary.messageLimit { messages.append(message) }
    }

    /// A few lines for a person: what came in, and everything that did not or was changed.
    public var lines: [String] {
        var out: [String] = []
        let what = [
            (users, "user"), (codes, "code"), (sources, "source"), (selections, "selection"),
            (codings, "coding"), (notes, "note"), (sets, "set"),
        ].filter { $0.0 > 0 || $0.1 == "code" }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        out.append("read " + what.joined(separator: ", ") + (origin.map { " (written by \($0))" } ?? ""))
        if let positionConvention, let positionConventionReason {
            out.append("positions counted with \(positionConvention): \(positionConventionReason)")
        }
        func add(_ n: Int, _ text: String) { if n > 0 { out.append("\(n) \(text)") } }
        add(selectionsWithoutCoding, "selection(s) without a coding skipped")
        add(emptySelections, "empty selection(s) skipped")
        add(roundedSelections, "selection(s) rounded out to whole characters after line-end/Unicode normalisation")
        add(renamedSources, "source(s) renamed because their name repeated an earlier one")
        add(usersAddedFromReferences, "user(s) added because codings name them but the file's user list does not")
        add(unresolvedNoteTargets, "note reference(s) to something not in the file dropped")
        add(unknownElements, "unknown element(s) ignored")
        add(unknownAttributes, "unknown attribute(s) ignored")
        add(schemaDeviations, "schema deviation(s) tolerated")
        for (name, count) in notImported.sorted(by: { $0.key < $1.key }) {
            out.append("\(count) `\(name)` element(s) not imported (accord has no place for them)")
        }
        return out + messages
    }
}
