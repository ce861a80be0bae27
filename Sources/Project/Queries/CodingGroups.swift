import Agreement
import Store

/// The current codings grouped by (document, code, member), codes followed
/// through merges: what one agreement call on fixed units reads
/// (`StoreView.codedSpans`), turned straight into the coverage the
/// statistics take. Groups are kept by small indexes into the spans' own
/// tables, so a coding costs no string and a group one coverage.
struct CodingGroups {
    struct Key: Hashable {
        var document: Int32
        /// An index into `codes`: the code followed through merges.
        var code: Int32
        var member: Int32
    }

    private let spans: CodedSpans
    /// The codes the groups count under, by the index the keys hold.
    private let codes: [String]
    private(set) var groups: [Key: [Range<Int>]] = [:]

    init(_ spans: CodedSpans, catalog: Catalog) {
        // Each code the codings name, followed through merges once.
        var codes: [String] = []
        var codeIndex: [String: Int32] = [:]
        let effective = spans.codes.map { id -> Int32 in
            let code = catalog.effectiveCode(id)
            if let known = codeIndex[code] { return known }
            codeIndex[code] = Int32(codes.count)
            codes.append(code)
            return Int32(codes.count - 1)
        }
        self.spans = spans
        self.codes = codes
        var groups: [Key: [Range<Int>]] = [:]
        for span in spans.spans {
            groups[Key(document: span.document, code: effective[Int(span.code)], member: span.member), default: []]
                .append(span.start..<span.end)
        }
        self.groups = groups
    }

    private func names(_ key: Key) -> (document: String, code: String, member: String?) {
        (spans.documents[Int(key.document)], codes[Int(key.code)], spans.members[Int(key.member)])
    }

    /// The coverage of `input` (its documents, coders, codes and reference;
    /// its codings and texts are not read): `coderOf` names the coder each
    /// compared member is. Each document, code and member the spans name is
    /// matched with the input once, not once per group.
    func coverage(_ input: AgreementInput, coderOf: [String: String], units: KnownUnits, catalog: Catalog,
                  _ view: StoreView) throws(AccordError) -> AgreementCoverage {
        var assembly = try CoverageAssembly(input, units: units, catalog: catalog, view)
        let documentAt = spans.documents.map { assembly.documentIndex[$0] }
        let codeAt = codes.map { assembly.codeIndex[$0] }
        let coderAt = spans.members.map { member in member.flatMap { coderOf[$0] }.flatMap { assembly.coderIndex[$0] } }
        for (key, codings) in groups {
            guard let d = documentAt[Int(key.document)], let c = codeAt[Int(key.code)], let r = coderAt[Int(key.member)] else { continue }
            assembly.set(CodeCoverage(codings: codings, units: assembly.units(d), length: assembly.length(d)), document: d, code: c, coder: r)
        }
        return assembly.finish(scheme: units.scheme)
    }
}

extension CodingGroups: ComparedCodings {
    func forEachCoded(_ body: (_ document: String, _ code: String, _ member: String?) -> Void) {
        for key in groups.keys {
            let (document, code, member) = names(key)
            body(document, code, member)
        }
    }

    func agreementCodings(_ keep: (_ document: String, _ code: String, _ member: String?) -> String?) -> [AgreementCoding] {
        // In a fixed order (a statistic must not depend on the order codings arrived in).
        let keys = groups.keys.map { ($0, names($0)) }.sorted { a, b in
            (a.1.document, a.1.code, a.1.member ?? "") < (b.1.document, b.1.code, b.1.member ?? "")
        }
        var out: [AgreementCoding] = []
        for (key, name) in keys {
            guard let coder = keep(name.document, name.code, name.member) else { continue }
            for span in groups[key]!.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) {
                out.append(AgreementCoding(coder: coder, document: name.document, code: name.code, start: span.lowerBound, end: span.upperBound))
            }
        }
        return out
    }
}
