import Agreement
import Store

/// The current codings a series carries from one step to the next, grouped
/// by (document, code, member): each step applies what changed since the
/// previous one (`SeriesPoint.since`) and notes which groups it touched, so
/// a 20-step trend reads the codings about once and rebuilds only the
/// coverages whose codings changed (`CoverageCache`).
struct HeldCodings {
    struct Key: Hashable {
        var document: String
        /// The code the codings count under: merges followed.
        var code: String
        var member: String?
    }

    private(set) var groups: [Key: [Range<Int>]] = [:]
    /// Where each coding is held, to withdraw it.
    private var place: [String: (key: Key, span: Range<Int>)] = [:]
    /// The groups whose codings changed since `takeChanged()`.
    private var changed: Set<Key> = []
    /// The merged codes the keys were last followed through.
    private var merged: Set<String> = []

    init(_ rows: [CodingRow], catalog: Catalog) {
        place.reserveCapacity(rows.count)
        for row in rows { add(row) }
        merged = Self.mergedCodes(catalog)
    }

    /// Brings the groups to the state a step reads, made from the previous
    /// step's state plus `changes` after it.
    mutating func apply(_ changes: (added: [CodingRow], withdrawn: [String]), catalog: Catalog) {
        for id in changes.withdrawn {
            guard let (key, span) = place.removeValue(forKey: id), let i = groups[key]?.firstIndex(of: span) else { continue }
            groups[key]!.remove(at: i)
            if groups[key]!.isEmpty { groups[key] = nil }
            changed.insert(key)
        }
        for row in changes.added where place[row.id] == nil { add(row) }
        // A merge since the previous step: follow every code again (merges
        // only add, so following an already followed code is exact).
        let now = Self.mergedCodes(catalog)
        guard now != merged else { return }
        merged = now
        let old = groups
        groups = [:]
        for (key, spans) in old {
            var moved = key
            moved.code = catalog.effectiveCode(key.code)
            groups[moved, default: []] += spans
            if moved != key { changed.formUnion([key, moved]) }
        }
        for (id, held) in place where catalog.effectiveCode(held.key.code) != held.key.code {
            place[id]!.key.code = catalog.effectiveCode(held.key.code)
        }
    }

    private mutating func add(_ row: CodingRow) {
        let key = Key(document: row.document, code: row.code, member: row.member)
        groups[key, default: []].append(row.start..<row.end)
        place[row.id] = (key, row.start..<row.end)
        changed.insert(key)
    }

    /// The groups changed since the last call, and forgets them.
    mutating func takeChanged() -> Set<Key> {
        defer { changed = [] }
        return changed
    }

    static func mergedCodes(_ catalog: Catalog) -> Set<String> {
        Set(catalog.codes.filter { $0.mergedInto != nil }.map(\.id))
    }
}

extension HeldCodings: ComparedCodings {
    func forEachCoded(_ body: (_ document: String, _ code: String, _ member: String?) -> Void) {
        for key in groups.keys { body(key.document, key.code, key.member) }
    }

    func agreementCodings(_ keep: (_ document: String, _ code: String, _ member: String?) -> String?) -> [AgreementCoding] {
        // In a fixed order (a statistic must not depend on the order codings arrived in).
        let keys = groups.keys.sorted { a, b in
            (a.document, a.code, a.member ?? "") < (b.document, b.code, b.member ?? "")
        }
        var out: [AgreementCoding] = []
        for key in keys {
            guard let coder = keep(key.document, key.code, key.member) else { continue }
            for span in groups[key]!.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) {
                out.append(AgreementCoding(coder: coder, document: key.document, code: key.code, start: span.lowerBound, end: span.upperBound))
            }
        }
        return out
    }
}
