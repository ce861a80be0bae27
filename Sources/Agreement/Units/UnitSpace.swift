/// The unit index space of one unit scheme over a list of documents.
///
/// Units are numbered across documents in input order. A coding overlaps a contiguous run of
/// units (units of a document are sorted and disjoint), so every coding maps to one range of
/// unit indices and all later work is interval arithmetic:
/// - `document`: unit d is document d; a non-empty coding in d covers `d..<d+1`.
/// - `paragraph`, `sentence`: units are the splitter's ranges; a coding covers the units whose
///   range it intersects (non-empty intersection).
/// - `character`: unit = scalar; document d's scalars are `base[d] ..< base[d] + length[d]`.
struct UnitSpace {
    enum Kind {
        case document
        case ranged
        case character
    }

    let kind: Kind
    /// Scalar length of each document.
    let lengths: [Int]
    /// First unit index of each document.
    let bases: [Int]
    /// Per document, the units' scalar ranges (ranged schemes only).
    let ranges: [[Range<Int>]]
    /// Number of units.
    let size: Int

    init(documents: [AgreementDocument], lengths: [Int], scheme: UnitScheme) {
        self.lengths = lengths
        var bases: [Int] = []
        var next = 0
        switch scheme {
        case .document:
            kind = .document
            ranges = []
            for _ in documents {
                bases.append(next)
                next += 1
            }
        case .character, .segment:
            kind = .character
            ranges = []
            for length in lengths {
                bases.append(next)
                next += length
            }
        case .paragraph, .sentence:
            kind = .ranged
            let sentences = scheme == .sentence
            ranges = documents.map { sentences ? Sentences.ranges(in: $0.text) : Paragraphs.ranges(in: $0.text) }
            for units in ranges {
                bases.append(next)
                next += units.count
            }
        }
        self.bases = bases
        self.size = next
    }

    /// The units a coding of `span` (scalar offsets, already clipped and non-empty) in
    /// document `d` overlaps.
    func units(document d: Int, span: Range<Int>) -> Range<Int> {
        switch kind {
        case .document:
            return d..<(d + 1)
        case .character:
            return (bases[d] + span.lowerBound)..<(bases[d] + span.upperBound)
        case .ranged:
            let units = ranges[d]
            // First unit ending after span.lowerBound.
            var lo = 0
            var hi = units.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if units[mid].upperBound > span.lowerBound { hi = mid } else { lo = mid + 1 }
            }
            var end = lo
            while end < units.count && units[end].lowerBound < span.upperBound { end += 1 }
            return (bases[d] + lo)..<(bases[d] + end)
        }
    }

    /// The document holding unit index `u`.
    func document(of u: Int) -> Int {
        var lo = 0
        var hi = bases.count
        while lo + 1 < hi {
            let mid = (lo + hi) / 2
            if bases[mid] <= u { lo = mid } else { hi = mid }
        }
        // Skip documents without units (their base equals the next one's).
        while lo + 1 < bases.count && bases[lo + 1] <= u { lo += 1 }
        return lo
    }

    /// Scalar spans of a run of units, split per document (and per unit for ranged schemes),
    /// for listing units to a reader.
    func locate(_ run: Range<Int>) -> [(document: Int, span: Range<Int>)] {
        var result: [(document: Int, span: Range<Int>)] = []
        switch kind {
        case .document:
            for u in run { result.append((u, 0..<lengths[u])) }
        case .ranged:
            for u in run {
                let d = document(of: u)
                result.append((d, ranges[d][u - bases[d]]))
            }
        case .character:
            var position = run.lowerBound
            while position < run.upperBound {
                let d = document(of: position)
                let docEnd = bases[d] + lengths[d]
                let end = min(run.upperBound, docEnd)
                result.append((d, (position - bases[d])..<(end - bases[d])))
                position = end
            }
        }
        return result
    }
}
