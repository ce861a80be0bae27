/// The 2×2 table of two coders' binary presence ratings of one code.
///
/// Rows are the first coder, columns the second; category 0 is "present", 1 is "absent":
///
///                 second: present   second: absent
///   first: present     both           onlyFirst
///   first: absent      onlySecond     neither
public struct TwoByTwo: Sendable, Hashable {
    public var both: Int
    public var onlyFirst: Int
    public var onlySecond: Int
    public var neither: Int

    public init(both: Int, onlyFirst: Int, onlySecond: Int, neither: Int) {
        self.both = both
        self.onlyFirst = onlyFirst
        self.onlySecond = onlySecond
        self.neither = neither
    }

    public var n: Int { both + onlyFirst + onlySecond + neither }

    /// The table as a square matrix for the q×q functions (rows: first coder).
    public var matrix: [[Double]] {
        [[Double(both), Double(onlyFirst)], [Double(onlySecond), Double(neither)]]
    }

    /// Observed (percent) agreement as a proportion, nil when n = 0.
    public var observedAgreement: Double? {
        n == 0 ? nil : Double(both + neither) / Double(n)
    }

    public static func + (lhs: TwoByTwo, rhs: TwoByTwo) -> TwoByTwo {
        TwoByTwo(
            both: lhs.both + rhs.both, onlyFirst: lhs.onlyFirst + rhs.onlyFirst,
            onlySecond: lhs.onlySecond + rhs.onlySecond, neither: lhs.neither + rhs.neither)
    }
}

/// Marginals and agreement of a square q×q table of counts (rows: first rater).
struct SquareTable {
    let q: Int
    let n: Double
    let observed: Double  // Σ p_ii
    let rows: [Double]  // first rater's marginal proportions
    let cols: [Double]  // second rater's marginal proportions
    let p: [[Double]]  // cell proportions

    /// nil when the table is not square or holds no units.
    init?(_ table: [[Double]]) {
        let q = table.count
        guard q > 0, table.allSatisfy({ $0.count == q }) else { return nil }
        var n = 0.0
        for row in table { for x in row { n += x } }
        guard n > 0 else { return nil }
        self.q = q
        self.n = n
        var rows = [Double](repeating: 0, count: q)
        var cols = [Double](repeating: 0, count: q)
        var rowCounts = [Double](repeating: 0, count: q)
        var colCounts = [Double](repeating: 0, count: q)
        for i in 0..<q {
            for j in 0..<q {
                rowCounts[i] += table[i][j]
                colCounts[j] += table[i][j]
            }
        }
        for i in 0..<q {
            rows[i] = rowCounts[i] / n
            cols[i] = colCounts[i] / n
        }
        self.rows = rows
        self.cols = cols
        self.p = table.map { $0.map { $0 / n } }
        var diagonal = 0.0
        for i in 0..<q { diagonal += table[i][i] }
        self.observed = diagonal / n
        // Remember whether both raters used one and the same single category only.
        var single = false
        for i in 0..<q where rowCounts[i] == n && colCounts[i] == n { single = true }
        self.bothUsedOneCategory = single
    }

    /// True when both raters put every unit in the same single category (Cohen's pe = 1).
    let bothUsedOneCategory: Bool
}
