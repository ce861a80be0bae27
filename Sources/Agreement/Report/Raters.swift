/// Who is compared in a report: the coders and, against a reference, the reference as one
/// more rater (last). `pairs` are the pairs the report lists: every coder pair (i < j) in
/// coder order, or each coder with the reference.
struct Raters {
    let coders: [String]
    let reference: String?

    init(coders: [String], reference: String?) {
        self.coders = coders
        self.reference = reference
    }

    /// Coders, then the reference.
    var names: [String] { reference.map { coders + [$0] } ?? coders }
    var count: Int { coders.count + (reference == nil ? 0 : 1) }
    /// Index of the reference among `names`.
    var referenceIndex: Int? { reference == nil ? nil : coders.count }

    var pairs: [(Int, Int)] {
        var result: [(Int, Int)] = []
        if reference != nil {
            for i in coders.indices { result.append((i, coders.count)) }
            return result
        }
        for i in 0..<coders.count {
            for j in (i + 1)..<coders.count { result.append((i, j)) }
        }
        return result
    }

    /// Why the multi-rater coefficients are undefined for lack of raters, if they are.
    var tooFew: String? {
        if reference != nil { return coders.isEmpty ? Why.fewerThanTwoCoders : nil }
        return coders.count < 2 ? Why.fewerThanTwoCoders : nil
    }
}
