/// The input resolved once: indices instead of ids, spans clipped to their documents.
struct PreparedInput {
    let documents: [AgreementDocument]
    let coders: [String]
    let codes: [AgreementCode]
    /// Scalar length of each document.
    let lengths: [Int]
    /// First scalar of each document when all documents are laid end to end.
    let continuumBases: [Int]
    let continuumLength: Int
    /// `spans[code][coder]`: that coder's codings of that code, clipped and non-empty.
    let spans: [[[(document: Int, span: Range<Int>)]]]
    /// Codings left out: unknown coder, document or code, or an empty span after clipping.
    let ignored: Int

    init(_ input: AgreementInput) {
        var seenCoders = Set<String>()
        coders = input.coders.filter { seenCoders.insert($0).inserted }
        var seenCodes = Set<String>()
        codes = input.codes.filter { seenCodes.insert($0.id).inserted }
        var seenDocuments = Set<String>()
        documents = input.documents.filter { seenDocuments.insert($0.id).inserted }

        lengths = documents.map { ScalarText.count($0.text) }
        var bases: [Int] = []
        var next = 0
        for length in lengths {
            bases.append(next)
            next += length
        }
        continuumBases = bases
        continuumLength = next

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
        for coding in input.codings {
            guard let r = coderIndex[coding.coder], let c = codeIndex[coding.code],
                let d = documentIndex[coding.document]
            else {
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
    }

    /// Coder pairs (i < j) in coder order.
    var pairs: [(Int, Int)] {
        var result: [(Int, Int)] = []
        for i in 0..<coders.count {
            for j in (i + 1)..<coders.count { result.append((i, j)) }
        }
        return result
    }

    /// Each coder's spans of code `c` on the continuum of all documents end to end.
    func continuumUnits(code c: Int) -> [[Range<Int>]] {
        spans[c].map { list in
            list.map { (continuumBases[$0.document] + $0.span.lowerBound)..<(continuumBases[$0.document] + $0.span.upperBound) }
        }
    }

    /// Krippendorff's unitizing alpha of code `c`.
    func unitizingAlpha(code c: Int) -> Estimate {
        guard coders.count >= 2 else { return .undefined(Why.fewerThanTwoCoders) }
        return UnitizingAlpha.alpha(units: continuumUnits(code: c), continuumLength: continuumLength)
    }
}
