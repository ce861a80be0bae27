import Agreement
import Store

/// The current codings a series carries from one step to the next, grouped
/// by (document, code, member): each step applies what changed since the
/// previous one (`SeriesPoint.since`) and stamps the groups it touched with
/// the step, so a 20-step trend reads the codings about once and rebuilds
/// only the coverages whose codings changed (`CoverageCache`).
struct HeldCodings {
    struct Key: Hashable {
        var document: String
        /// The code the codings count under: merges followed.
        var code: String
        var member: String?

        init(_ row: CodingRow) { (document, code, member) = (row.document, row.code, row.member) }
    }

    struct Group {
        var spans: [Range<Int>] = []
        /// The step that last changed the spans: a coverage computed at
        /// another step is stale.
        var version = 0

        mutating func add(_ span: Range<Int>, at step: Int) {
            spans.append(span)
            version = step
        }

        mutating func remove(_ span: Range<Int>, at step: Int) {
            guard let i = spans.firstIndex(of: span) else { return }
            spans.remove(at: i)
            version = step
        }
    }

    private(set) var groups: [Key: Group] = [:]
    private var step = 0
    /// The merged codes the keys were last followed through.
    private var merged: Set<String> = []

    init(_ rows: [CodingRow], catalog: Catalog) {
        for row in rows { groups[Key(row), default: Group()].add(row.start..<row.end, at: step) }
        merged = Self.mergedCodes(catalog)
    }

    /// Brings the groups to the state a step reads, made from the previous
    /// step's state plus `changes` after it: every withdrawn coding was held
    /// (current at the previous step), every added one was not. Both come
    /// with their codes followed through this step's merges, so the groups
    /// follow them first.
    mutating func apply(_ changes: (added: [CodingRow], withdrawn: [CodingRow]), catalog: Catalog) {
        step += 1
        let now = Self.mergedCodes(catalog)
        if now != merged {
            // Merges only add, so following an already followed code is exact.
            merged = now
            let old = groups
            groups = [:]
            for (key, group) in old {
                var moved = key
                moved.code = catalog.effectiveCode(key.code)
                if moved == key && groups[key] == nil {
                    groups[key] = group
                    continue
                }
                for span in group.spans { groups[moved, default: Group()].add(span, at: step) }
            }
        }
        for row in changes.withdrawn {
            let key = Key(row)
            groups[key]?.remove(row.start..<row.end, at: step)
            if groups[key]?.spans.isEmpty == true { groups[key] = nil }
        }
        for row in changes.added { groups[Key(row), default: Group()].add(row.start..<row.end, at: step) }
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
            for span in groups[key]!.spans.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) {
                out.append(AgreementCoding(coder: coder, document: key.document, code: key.code, start: span.lowerBound, end: span.upperBound))
            }
        }
        return out
    }
}
