import Testing
@testable import Agreement

// The sweeps against plain loops over every position, on random small data.

private func randomRanges(_ g: inout SeededGenerator, universe: Int, count: Int) -> [Range<Int>] {
    (0..<count).map { _ in
        let s = Int.random(in: 0..<universe, using: &g)
        let e = min(universe, s + Int.random(in: 0...12, using: &g))
        return s..<e
    }
}

private func covered(_ ranges: [Range<Int>], universe: Int) -> [Bool] {
    var flags = [Bool](repeating: false, count: universe)
    for r in ranges { for p in r { flags[p] = true } }
    return flags
}

@Test func intervalOperationsMatchNaiveLoops() {
    var g = SeededGenerator(seed: 1)
    for _ in 0..<300 {
        let n = Int.random(in: 0...60, using: &g)
        let universe = max(n, 1)
        let a = randomRanges(&g, universe: universe, count: Int.random(in: 0...6, using: &g))
        let b = randomRanges(&g, universe: universe, count: Int.random(in: 0...6, using: &g))
        let ua = Intervals.union(a)
        let ub = Intervals.union(b)
        let fa = covered(a, universe: universe)
        let fb = covered(b, universe: universe)
        #expect(covered(ua, universe: universe) == fa)
        // Union output is sorted, disjoint and non-adjacent.
        for (x, y) in zip(ua, ua.dropFirst()) { #expect(x.upperBound < y.lowerBound) }
        let both = zip(fa, fb).filter { $0 && $1 }.count
        #expect(Intervals.intersectionLength(ua, ub) == both)
        #expect(Intervals.length(Intervals.intersection(ua, ub)) == both)
        let table = CharacterSweep.table(first: ua, second: ub, units: universe)
        let naive = TwoByTwo(
            both: both, onlyFirst: zip(fa, fb).filter { $0 && !$1 }.count,
            onlySecond: zip(fa, fb).filter { !$0 && $1 }.count, neither: zip(fa, fb).filter { !$0 && !$1 }.count)
        #expect(table == naive)
        // mergeOverlapping keeps touching ranges apart but covers the same positions.
        let merged = Intervals.mergeOverlapping(a)
        #expect(covered(merged, universe: universe) == fa)
        for (x, y) in zip(merged, merged.dropFirst()) { #expect(x.upperBound <= y.lowerBound) }
    }
}

@Test func coverageHistogramMatchesNaiveCount() {
    var g = SeededGenerator(seed: 2)
    for _ in 0..<200 {
        let universe = Int.random(in: 1...80, using: &g)
        let coders = Int.random(in: 1...5, using: &g)
        let lists = (0..<coders).map { _ in
            Intervals.union(randomRanges(&g, universe: universe, count: Int.random(in: 0...8, using: &g)))
        }
        let flags = lists.map { covered($0, universe: universe) }
        var naive = [Int](repeating: 0, count: coders + 1)
        for p in 0..<universe { naive[flags.filter { $0[p] }.count] += 1 }
        #expect(CharacterSweep.coverageHistogram(lists, units: universe) == naive)
    }
}

@Test func categorySweepMatchesNaiveStates() {
    var g = SeededGenerator(seed: 3)
    for _ in 0..<200 {
        let universe = Int.random(in: 1...60, using: &g)
        let coders = Int.random(in: 1...4, using: &g)
        let q = Int.random(in: 1...4, using: &g)
        let lists = (0..<coders).map { _ in
            (0..<q).map { _ in Intervals.union(randomRanges(&g, universe: universe, count: Int.random(in: 0...4, using: &g))) }
        }
        var naive = [[CharacterSweep.State]](repeating: [], count: universe)
        for p in 0..<universe {
            naive[p] = lists.map { categories in
                let active = categories.indices.filter { k in categories[k].contains { $0.contains(p) } }
                return active.isEmpty ? .missing : active.count == 1 ? .category(active[0]) : .multiple
            }
        }
        var swept = [[CharacterSweep.State]?](repeating: nil, count: universe)
        CharacterSweep.sweepCategories(lists) { stretch, states in
            for p in stretch {
                #expect(swept[p] == nil, "position visited twice")
                swept[p] = states
            }
        }
        for p in 0..<universe {
            if naive[p].allSatisfy({ $0 == .missing }) {
                #expect(swept[p] == nil)
            } else {
                #expect(swept[p] == naive[p])
            }
        }
    }
}

/// The whole character-scheme report against a unit-by-unit computation with the plain
/// functions (one rating vector per coder over every character).
@Test func characterReportMatchesPerCharacterComputation() {
    var g = SeededGenerator(seed: 4)
    let coders = ["a", "b", "c"]
    let codes = [
        AgreementCode(id: "x", path: "x"), AgreementCode(id: "p", path: "g/p", group: "g"),
        AgreementCode(id: "q", path: "g/q", group: "g"),
    ]
    for round in 0..<25 {
        let docs = (0..<Int.random(in: 1...3, using: &g)).map { d in
            AgreementDocument(id: "d\(d)", title: "D\(d)", text: String(repeating: "\u{00E9}a ", count: Int.random(in: 0...15, using: &g)))
        }
        var codings: [AgreementCoding] = []
        for doc in docs {
            let length = ScalarText.count(doc.text)
            guard length > 0 else { continue }
            for _ in 0..<Int.random(in: 0...10, using: &g) {
                let s = Int.random(in: -2..<length, using: &g)
                codings.append(
                    AgreementCoding(
                        coder: coders.randomElement(using: &g)!, document: doc.id, code: codes.randomElement(using: &g)!.id,
                        start: s, end: s + Int.random(in: 0...9, using: &g)))
            }
        }
        let input = AgreementInput(documents: docs, coders: coders, codes: codes, codings: codings)
        let report = computeAgreement(input, unit: .character)
        // Naive: per code, per coder, a flag per character.
        let lengths = docs.map { ScalarText.count($0.text) }
        let total = lengths.reduce(0, +)
        var base: [String: Int] = [:]
        var next = 0
        for (d, doc) in docs.enumerated() {
            base[doc.id] = next
            next += lengths[d]
        }
        var flags = [String: [[Bool]]]()
        for code in codes { flags[code.id] = [[Bool]](repeating: [Bool](repeating: false, count: total), count: coders.count) }
        for c in codings {
            let d = docs.firstIndex { $0.id == c.document }!
            let s = max(0, c.start)
            let e = min(lengths[d], c.end)
            guard s < e else { continue }
            let r = coders.firstIndex(of: c.coder)!
            for p in s..<e { flags[c.code]![r][base[c.document]! + p] = true }
        }
        #expect(report.units == total)
        for (ci, code) in codes.enumerated() {
            let f = flags[code.id]!
            let ratings = f.map { $0.map { $0 ? 0 : 1 } as [Int?] }
            for (pi, pair) in report.codes[ci].pairs.enumerated() {
                let (i, j) = [(0, 1), (0, 2), (1, 2)][pi]
                let expected = Cohen.analyze(ratings[i], ratings[j], categories: 2)
                expectClose(pair.kappa, expected.kappa, "round \(round) \(code.id) kappa")
                expectClose(pair.kappaSe, expected.standardError, "round \(round) \(code.id) SE")
                #expect(pair.n == total)
            }
            let units = (0..<total).map { u in ratings.map { $0[u] } }
            expectClose(report.codes[ci].fleissKappa, Fleiss.kappa(ratings: units, categories: 2).value, "round \(round) Fleiss")
            expectClose(report.codes[ci].krippendorffAlpha, Krippendorff.alphaNominal(units: units).value, "round \(round) alpha")
            expectClose(report.codes[ci].gwetAc1, total == 0 ? nil : Gwet.ac1(units: units, categories: 2).value, "round \(round) AC1")
        }
        // The exclusive group g = {p, q}.
        let p = flags["p"]!
        let q = flags["q"]!
        var multi = 0
        var groupUnits: [[Int?]] = []
        for u in 0..<total {
            let states = (0..<coders.count).map { r -> Int? in
                p[r][u] && q[r][u] ? -1 : p[r][u] ? 0 : q[r][u] ? 1 : nil
            }
            if states.contains(where: { $0 == -1 }) {
                multi += 1
                continue
            }
            groupUnits.append(states)
        }
        let group = report.groups[0]
        #expect(group.multiCodedUnits == multi)
        #expect(group.multiCoded.reduce(0) { $0 + $1.end - $1.start } == multi)
        expectClose(group.fleissKappa, Fleiss.kappa(ratings: groupUnits, categories: 2).value, "round \(round) group Fleiss")
        expectClose(group.krippendorffAlpha, Krippendorff.alphaNominal(units: groupUnits).value, "round \(round) group alpha")
        for (pi, pair) in group.pairs.enumerated() {
            let (i, j) = [(0, 1), (0, 2), (1, 2)][pi]
            let confusion = Cohen.confusion(groupUnits.map { $0[i] }, groupUnits.map { $0[j] }, categories: 2)
            #expect(pair.confusion == confusion.map { $0.map { Int($0) } })
            expectClose(pair.kappa, Cohen.kappa(table: confusion).value, "round \(round) group kappa")
        }
    }
}
