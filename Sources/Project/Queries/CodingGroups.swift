import Agreement
import Store

/// The current codings grouped by (document, code, member), codes followed
/// through merges: what agreement on fixed units reads
/// (`StoreView.codedSpans`), kept by small indexes into the spans' names, so
/// that a coding costs no string and a group one coverage
/// (`CoverageCache`).
///
/// A series carries the groups from one step to the next: each step applies
/// what changed since the previous one (`SeriesPoint.since`,
/// `StoreView.codedSpanChanges`) and stamps the groups it touched with the
/// step, so a 20-step trend reads the codings about once and rebuilds only
/// the coverages whose codings changed.
struct CodingGroups {
    struct Key: Hashable {
        var document: Int32
        /// An index into `codes`: the code the codings count under.
        var code: Int32
        var member: Int32
    }

    struct Group {
        var spans: [Range<Int>] = []
        /// The step that last changed the spans: a coverage computed at
        /// another step is stale.
        var version = 0
    }

    let names: SpanNames
    /// The codes the groups count under (merges followed), by `Key.code`.
    private(set) var codes: [String] = []
    private var codeIndex: [String: Int32] = [:]
    /// `names.codes` index → `Key.code`.
    private var followed: [Int32] = []
    /// The merged codes the keys were last followed through.
    private var merged: Set<String>
    private(set) var groups: [Key: Group] = [:]
    /// How many times `apply` ran.
    private(set) var step = 0
    /// The groups the last `apply` changed, added or emptied; nil when any
    /// group may have (the first state, or codes that followed a new merge).
    private(set) var touched: Set<Key>? = nil

    /// The groups of `spans`, named in `names`.
    init(_ spans: [CodedSpan], names: SpanNames, catalog: Catalog) {
        self.names = names
        merged = Self.mergedCodes(catalog)
        for span in spans { add(span, catalog) }
    }

    /// The groups of every current coding in `view`.
    init(_ view: StoreView, catalog: Catalog) throws(AccordError) {
        let names = SpanNames()
        self.init(try view.codedSpans(names: names), names: names, catalog: catalog)
    }

    /// Brings the groups to the state a step reads, made from the previous
    /// step's state plus `changes` after it: every withdrawn coding was held
    /// (current at the previous step), every added one was not. The groups
    /// follow this step's merges first.
    mutating func apply(_ changes: (added: [CodedSpan], withdrawn: [CodedSpan]), catalog: Catalog) {
        step += 1
        touched = []
        let now = Self.mergedCodes(catalog)
        if now != merged {
            touched = nil
            // Merges only add, so following an already followed code is exact.
            // A code keeps its index; a group that moves, or takes in
            // another, is stamped with this step.
            merged = now
            followed = []
            let old = groups
            groups = [:]
            for (key, group) in old {
                var moved = key
                moved.code = intern(catalog.effectiveCode(codes[Int(key.code)]))
                if moved == key && groups[key] == nil {
                    groups[key] = group
                    continue
                }
                groups[moved, default: Group()].spans += group.spans
                groups[moved]!.version = step
            }
        }
        for span in changes.withdrawn {
            let key = self.key(span, catalog)
            guard let i = groups[key]?.spans.firstIndex(of: span.start..<span.end) else { continue }
            groups[key]!.spans.remove(at: i)
            groups[key]!.version = step
            touched?.insert(key)
            if groups[key]!.spans.isEmpty { groups[key] = nil }
        }
        for span in changes.added { add(span, catalog) }
    }

    private mutating func add(_ span: CodedSpan, _ catalog: Catalog) {
        let key = self.key(span, catalog)
        Self.add(span.start..<span.end, at: step, to: &groups[key, default: Group()])
        touched?.insert(key)
    }

    /// One lookup of the group, changed in place.
    private static func add(_ span: Range<Int>, at step: Int, to group: inout Group) {
        group.spans.append(span)
        group.version = step
    }

    private mutating func key(_ span: CodedSpan, _ catalog: Catalog) -> Key {
        while followed.count <= Int(span.code) { followed.append(intern(catalog.effectiveCode(names.codes[followed.count]))) }
        return Key(document: span.document, code: followed[Int(span.code)], member: span.member)
    }

    private mutating func intern(_ code: String) -> Int32 {
        if let known = codeIndex[code] { return known }
        codeIndex[code] = Int32(codes.count)
        codes.append(code)
        return Int32(codes.count - 1)
    }

    static func mergedCodes(_ catalog: Catalog) -> Set<String> {
        Set(catalog.codes.filter { $0.mergedInto != nil }.map(\.id))
    }

    private func named(_ key: Key) -> (document: String, code: String, member: String?) {
        (names.documents[Int(key.document)], codes[Int(key.code)], names.members[Int(key.member)])
    }
}

extension CodingGroups: ComparedCodings {
    func forEachCoder(_ body: (_ document: String, _ member: String?) -> Void) {
        // Each (document, member) once: a few thousand names, not a call per group.
        var seen = Set<Int64>()
        for key in groups.keys where seen.insert(Int64(key.document) << 32 | Int64(UInt32(bitPattern: key.member))).inserted {
            body(names.documents[Int(key.document)], names.members[Int(key.member)])
        }
    }

    func forEachCode(_ body: (_ code: String) -> Void) {
        var seen = Set<Int32>()
        for key in groups.keys where seen.insert(key.code).inserted { body(codes[Int(key.code)]) }
    }

    func agreementCodings(_ keep: (_ document: String, _ code: String, _ member: String?) -> String?) -> [AgreementCoding] {
        // In a fixed order (a statistic must not depend on the order codings arrived in).
        let keys = groups.keys.map { ($0, named($0)) }.sorted { a, b in
            (a.1.document, a.1.code, a.1.member ?? "") < (b.1.document, b.1.code, b.1.member ?? "")
        }
        var out: [AgreementCoding] = []
        for (key, name) in keys {
            guard let coder = keep(name.document, name.code, name.member) else { continue }
            for span in groups[key]!.spans.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) {
                out.append(AgreementCoding(coder: coder, document: name.document, code: name.code, start: span.lowerBound, end: span.upperBound))
            }
        }
        return out
    }
}
