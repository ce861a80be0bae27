import GRDB

/// One consistent read of a replica's state at one moment: the present, or
/// the past as `--at` names it.
///
/// Valid only inside the closure that receives it (`Store.read(at:)`,
/// `Store.append(by:prepare:)`), like the database connection it wraps;
/// everything it returns is a plain value.
public struct StoreView {
    let db: Database

    func run<T>(_ body: () throws -> T) throws(AccordError) -> T {
        do { return try body() } catch let error as AccordError { throw error } catch { throw AccordError("store_error", "\(error)") }
    }

    /// The members, codes and documents (without their text).
    public func catalog() throws(AccordError) -> Catalog { try run { try Catalog(db) } }

    /// Who has marked which document done.
    public func progress() throws(AccordError) -> Progress { try run { try Progress(db) } }

    /// The current codings, optionally of one document, one set of author
    /// keys and one set of (effective) codes, in document and span order.
    public func codings(catalog: Catalog, document: String? = nil, authors: Set<String>? = nil,
                        codes: Set<String>? = nil) throws(AccordError) -> [CodingRow] {
        try run { try CodingRow.fetch(db, catalog: catalog, document: document, authors: authors, codes: codes) }
    }

    /// The codings that a removal, demotion or key rotation voided
    /// (events/README §12.3), not withdrawn, in document and span order.
    public func voidedCodings(catalog: Catalog) throws(AccordError) -> [CodingRow] {
        try run { try CodingRow.fetch(db, catalog: catalog, voided: true) }
    }

    /// A document's normalised text.
    public func documentText(_ id: String) throws(AccordError) -> String? {
        try run { try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [id]) }
    }

    /// The ids of the live edits of a shared field (a code's name, a member's
    /// role, a unit's consensus): what a new edit names as its `base`.
    public func liveEdits(thing: String, field: String) throws(AccordError) -> [String] {
        try run { try Register.live(db, thing: thing, field: field).map(\.id) }
    }

    /// The coding whose id is, or uniquely starts with, `prefix` (8+ hex digits).
    public func coding(prefix text: String) throws(AccordError) -> CodingRecord {
        try run {
            let ids = try IDPrefix.parse(text).map { try IDPrefix.matches(db, table: "codings", prefix: $0) } ?? []
            guard ids.count == 1 else {
                throw ids.isEmpty ? AccordError.unknownCoding("no coding \(text); `accord codings` lists them") : IDPrefix.ambiguous(text, "coding")
            }
            let row = try Row.fetchOne(db, sql: "SELECT id, author, uncoded_by FROM codings WHERE id = ?", arguments: [ids[0]])!
            return CodingRecord(id: row[0], author: row[1], withdrawn: (row[2] as String?) != nil)
        }
    }

    /// How many codings are current.
    public func currentCodingCount() throws(AccordError) -> Int {
        try run { try CodingRow.currentCount(db) }
    }

    /// The digest of the projection state (DESIGN §4).
    public func stateDigest() throws(AccordError) -> String { try run { try StateDigest.compute(db) } }
}

/// A coding as `unapply` needs it: who made it, and whether it is withdrawn.
public struct CodingRecord: Sendable {
    public var id: String
    public var author: String
    public var withdrawn: Bool
}

extension Store {
    /// Runs `body` on one consistent view of the state at `moment`.
    public func read<T>(at moment: Moment = .now, _ body: (StoreView) throws -> T) throws(AccordError) -> T {
        try readState(at: moment) { db in try body(StoreView(db: db)) }
    }

    /// The catalog (members, codes, documents) at `moment`.
    public func catalog(at moment: Moment = .now) throws(AccordError) -> Catalog {
        try read(at: moment) { view in try view.catalog() }
    }
}
