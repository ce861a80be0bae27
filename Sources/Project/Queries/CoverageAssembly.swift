import Agreement
import Store

/// An `AgreementCoverage` being put together from parts kept apart: the
/// compared documents with their units (`KnownUnits`, no text read), then
/// each (document, code, coder)'s coverage, then the reference's ratings.
/// `CoverageCache` fills one per call, or carries one from a trend's step
/// to the next.
struct CoverageAssembly {
    private(set) var documents: [CoverageDocument]
    /// Positions in `input`'s documents, codes and coders, by id and name.
    let documentIndex: [String: Int]
    let codeIndex: [String: Int]
    let coderIndex: [String: Int]
    private let codeCount: Int
    private let coderCount: Int

    /// `input`'s documents (their text is not read), codes and coders.
    init(_ input: AgreementInput, units: KnownUnits, catalog: Catalog, _ view: StoreView) throws(AccordError) {
        documentIndex = Self.index(input.documents.map(\.id))
        codeIndex = Self.index(input.codes.map(\.id))
        coderIndex = Self.index(input.coders)
        (codeCount, coderCount) = (input.codes.count, input.coders.count)
        var documents: [CoverageDocument] = []
        documents.reserveCapacity(input.documents.count)
        for doc in input.documents {
            let length = catalog.document(id: doc.id)?.length ?? 0
            documents.append(CoverageDocument(id: doc.id, length: length, units: try units.units(of: doc.id, length: length, view), coverage: []))
        }
        self.documents = documents
    }

    /// The first position of each value.
    private static func index(_ values: [String]) -> [String: Int] {
        Dictionary(values.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func length(_ d: Int) -> Int { documents[d].length }
    func units(_ d: Int) -> DocumentUnits { documents[d].units }

    /// Sets what coder `r` did with code `c` in document `d`.
    mutating func set(_ coverage: CodeCoverage, document d: Int, code c: Int, coder r: Int) {
        if documents[d].coverage.isEmpty {
            // Nothing to set where nothing is: a document no coder coded keeps no table.
            if coverage == .empty { return }
            documents[d].coverage = [[CodeCoverage]](
                repeating: [CodeCoverage](repeating: .empty, count: coderCount), count: codeCount)
        }
        documents[d].coverage[c][r] = coverage
    }

    /// The coverage of `input` (the one the assembly was made for, or one
    /// with the same documents, codes and coders), with the reference's
    /// ratings when it has a reference.
    func finish(_ input: AgreementInput, scheme: UnitScheme) -> AgreementCoverage {
        var built = documents
        var ignoredDecisions = 0
        if let reference = input.reference {
            var decisions = [[(span: Range<Int>, codes: Set<String>)]](repeating: [], count: built.count)
            for decision in reference.decisions {
                guard let d = documentIndex[decision.document] else {
                    ignoredDecisions += 1
                    continue
                }
                decisions[d].append((decision.start..<decision.end, decision.codes))
            }
            let codes = input.codes.map(\.id)
            for d in built.indices {
                built[d].reference = ReferenceCoverage(decisions: decisions[d], units: built[d].units, length: built[d].length, codes: codes)
            }
        }
        return AgreementCoverage(scheme: scheme, coders: input.coders, codes: input.codes, documents: built,
                                 reference: input.reference?.name, ignored: 0, ignoredDecisions: ignoredDecisions)
    }
}
