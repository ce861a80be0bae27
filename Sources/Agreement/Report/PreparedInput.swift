/// The input resolved once: indices instead of ids, spans clipped to their documents.
struct PreparedInput {
    let documents: [AgreementDocument]
    let coders: [String]
    let codes: [AgreementCode]
    /// Scalar length of each document.
    let lengths: [Int]
    /// `spans[code][coder]`: that coder's codings of that code, clipped and non-empty.
    let spans: [[[(document: Int, span: Range<Int>)]]]
    /// Codings left out: unknown coder, document or code, or an empty span after clipping.
    let ignored: Int
    /// The reference rater's decisions, clipped and non-empty.
    let reference: Reference?

    struct Reference {
        let name: String
        let decisions: [(document: Int, span: Range<Int>, codes: Set<String>)]
        /// Decisions left out: unknown document or an empty span after clipping.
        let ignored: Int
    }

    init(_ input: AgreementInput) {
        var seenCoders = Set<String>()
        coders = input.coders.filter { seenCoders.insert($0).inserted }
        var seenCodes = Set<String>()
        codes = input.codes.filter { seenCodes.insert($0.id).inserted }
        var seenDocuments = Set<String>()
        documents = input.documents.filter { seenDocuments.insert($0.id).inserted }

        lengths = documents.map { ScalarText.count($0.text) }

        var coderIndex: [String: Int] = [:]
        for (i, c) in coders.enumerated() { coderIndex[c] = i }
        var codeIndex: [String: Int] = [:]
        for (i, c) in codes.enumerated() { codeIndex[c.id] = i }
        var documentIndex: [String: Int] = [:]
        for (i, d) in documents.enumerated() { documentIndex[d.id] = i }

        var spans = [[[(document: Int, span: Range<Int>)]]](
            repeating: [[(document: Int, span: Range<Int>)]](repeating: [], count: coders.count),
            count: codes.count)
        var ignored = 0
        // Codings usually come grouped by coder and document: remember the last lookups, since
        // comparing two equal strings is cheaper than hashing one.
        var last: (coder: String, r: Int?, code: String, c: Int?, document: String, d: Int?) = ("", nil, "", nil, "", nil)
        for coding in input.codings {
            if coding.coder != last.coder || last.r == nil { last.coder = coding.coder; last.r = coderIndex[coding.coder] }
            if coding.code != last.code || last.c == nil { last.code = coding.code; last.c = codeIndex[coding.code] }
            if coding.document != last.document || last.d == nil {
                last.document = coding.document
                last.d = documentIndex[coding.document]
            }
            guard let r = last.r, let c = last.c, let d = last.d else {
                ignored += 1
                continue
            }
            let start = max(0, coding.start)
            let end = min(lengths[d], coding.end)
            guard start < end else {
                ignored += 1
                continue
            }
            spans[c][r].append((d, start..<end))
        }
        self.spans = spans
        self.ignored = ignored

        if let reference = input.reference {
            var decisions: [(document: Int, span: Range<Int>, codes: Set<String>)] = []
            var ignoredDecisions = 0
            for decision in reference.decisions {
                guard let d = documentIndex[decision.document] else {
                    ignoredDecisions += 1
                    continue
                }
                let start = max(0, decision.start)
                let end = min(lengths[d], decision.end)
                guard start < end else {
                    ignoredDecisions += 1
                    continue
                }
                decisions.append((d, start..<end, decision.codes))
            }
            self.reference = Reference(name: reference.name, decisions: decisions, ignored: ignoredDecisions)
        } else {
            self.reference = nil
        }
    }

    /// Coder pairs (i < j) in coder order.
    var pairs: [(Int, Int)] {
        var result: [(Int, Int)] = []
        for i in 0..<coders.count {
            for j in (i + 1)..<coders.count { result.append((i, j)) }
        }
        return result
    }

    /// Each coder's spans of code `c` per document, `[coder][document]`, normalised for
    /// ``UnitizingAlpha`` (sorted, overlapping ones merged).
    func unitizingSpans(code c: Int) -> [[[Range<Int>]]] {
        spans[c].map { list in
            var perDocument = [[Range<Int>]](repeating: [], count: documents.count)
            for item in list { perDocument[item.document].append(item.span) }
            return perDocument.map(Intervals.mergeOverlapping)
        }
    }

    /// Krippendorff's unitizing alpha of code `c` over the coders.
    func unitizingAlpha(code c: Int) -> Estimate {
        UnitizingStatistic.alpha(coders: coders.count, reference: reference != nil) {
            UnitizingAlpha.alpha(normalized: unitizingSpans(code: c), lengths: lengths)
        }
    }
}

/// Unitizing alpha as the report gives it: over the coders, not defined against a reference.
enum UnitizingStatistic {
    static let notAgainstReference =
        "unitizing alpha compares the coders' own segmentations of the text and is not computed against a reference"

    static func alpha(coders: Int, reference: Bool, _ compute: () -> Estimate) -> Estimate {
        if reference { return .undefined(notAgainstReference) }
        guard coders >= 2 else { return .undefined(Why.fewerThanTwoCoders) }
        return compute()
    }
}
