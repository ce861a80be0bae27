/// The compact, cacheable form of an agreement question on fixed units (document, paragraph,
/// sentence): per document its units and, per code and coder, a bitset of the units covered
/// (see ``CodeCoverage``). ``computeAgreement(coverage:)`` turns it into the same report, byte
/// for byte, as ``computeAgreement(_:unit:)`` on the documents and codings it was built from,
/// without reading text or codings again; the storage layer can keep the parts up to date as
/// events arrive and assemble one of these per query.
public struct AgreementCoverage: Sendable {
    /// `.document`, `.paragraph` or `.sentence`.
    public var scheme: UnitScheme
    /// Compared coders; fixes the coder order of `CoverageDocument.coverage`.
    public var coders: [String]
    /// Compared codes; fixes the code order of `CoverageDocument.coverage`.
    public var codes: [AgreementCode]
    public var documents: [CoverageDocument]
    /// The reference rater's name when every coder is compared against a reference (each
    /// document's `reference` then holds its ratings; a document without one has none rated).
    public var reference: String?
    /// Codings the caller left out as invalid (unknown coder, document or code), added to the
    /// report's "ignored" note together with the entries' own `ignored` counts.
    public var ignored: Int
    /// Reference decisions the caller left out as invalid (unknown document), added to the
    /// note on ignored decisions together with the documents' `reference.ignored` counts.
    public var ignoredDecisions: Int

    public init(
        scheme: UnitScheme, coders: [String], codes: [AgreementCode], documents: [CoverageDocument],
        reference: String? = nil, ignored: Int = 0, ignoredDecisions: Int = 0
    ) {
        self.scheme = scheme
        self.coders = coders
        self.codes = codes
        self.documents = documents
        self.reference = reference
        self.ignored = ignored
        self.ignoredDecisions = ignoredDecisions
    }

    /// The coverage of `input` under `unit` (document, paragraph or sentence; nil for the
    /// others): what ``computeAgreement(_:unit:)`` itself computes from.
    public init?(_ input: AgreementInput, unit: UnitScheme) {
        switch unit {
        case .document, .paragraph, .sentence: break
        case .character, .segment: return nil
        }
        self = CoverageBuilder.build(PreparedInput(input), scheme: unit)
    }
}

/// One document of an ``AgreementCoverage``.
public struct CoverageDocument: Sendable {
    /// Document id.
    public var id: String
    /// Length in Unicode scalars.
    public var length: Int
    public var units: DocumentUnits
    /// `coverage[code][coder]`, in the ``AgreementCoverage``'s `codes` and `coders` order;
    /// ``CodeCoverage/empty`` where the coder did not apply the code in this document. May be
    /// empty altogether when nobody applied anything.
    public var coverage: [[CodeCoverage]]
    /// The reference rater's ratings, in reference mode.
    public var reference: ReferenceCoverage?

    public init(id: String, length: Int, units: DocumentUnits, coverage: [[CodeCoverage]], reference: ReferenceCoverage? = nil) {
        self.id = id
        self.length = length
        self.units = units
        self.coverage = coverage
        self.reference = reference
    }

    @inline(__always)
    func entry(code c: Int, coder r: Int) -> CodeCoverage {
        guard c < coverage.count, r < coverage[c].count else { return .empty }
        return coverage[c][r]
    }
}

/// Builds an ``AgreementCoverage`` from a prepared input (the plain entry point's path).
enum CoverageBuilder {
    static func build(_ input: PreparedInput, scheme: UnitScheme) -> AgreementCoverage {
        let codeCount = input.codes.count
        let coderCount = input.coders.count
        var documents = input.documents.enumerated().map { d, doc in
            CoverageDocument(
                id: doc.id, length: input.lengths[d], units: DocumentUnits(text: doc.text, scheme: scheme)!, coverage: [])
        }
        // Group each (code, coder)'s spans by document, reusing one bucket per document.
        var buckets = [[Range<Int>]](repeating: [], count: documents.count)
        var touched: [Int] = []
        for c in 0..<codeCount {
            for r in 0..<coderCount {
                for item in input.spans[c][r] {
                    if buckets[item.document].isEmpty { touched.append(item.document) }
                    buckets[item.document].append(item.span)
                }
                for d in touched {
                    if documents[d].coverage.isEmpty {
                        documents[d].coverage = [[CodeCoverage]](
                            repeating: [CodeCoverage](repeating: .empty, count: coderCount), count: codeCount)
                    }
                    documents[d].coverage[c][r] = CodeCoverage(clipped: buckets[d], units: documents[d].units, ignored: 0)
                    buckets[d].removeAll(keepingCapacity: true)
                }
                touched.removeAll(keepingCapacity: true)
            }
        }
        if let reference = input.reference {
            var decisions = [[(span: Range<Int>, codes: Set<String>)]](repeating: [], count: documents.count)
            for item in reference.decisions { decisions[item.document].append((item.span, item.codes)) }
            let codeIDs = input.codes.map(\.id)
            for d in documents.indices {
                documents[d].reference = ReferenceCoverage(
                    decisions: decisions[d], units: documents[d].units, length: documents[d].length, codes: codeIDs)
            }
        }
        return AgreementCoverage(
            scheme: scheme, coders: input.coders, codes: input.codes, documents: documents,
            reference: input.reference?.name, ignored: input.ignored, ignoredDecisions: input.reference?.ignored ?? 0)
    }
}
