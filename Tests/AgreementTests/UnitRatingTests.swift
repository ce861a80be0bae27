import Testing
@testable import Agreement

// computeUnitRatings: the unit-by-unit ratings behind the kappa tables.

private let text = "One.\n\nTwo.\n\nThree.\n\nFour."  // paragraphs [0,4) [6,10) [12,18) [20,25)
private let codes = [AgreementCode(id: "x", path: "x"), AgreementCode(id: "y", path: "y")]

private func coding(_ coder: String, _ code: String, _ s: Int, _ e: Int, doc: String = "d") -> AgreementCoding {
    AgreementCoding(coder: coder, document: doc, code: code, start: s, end: e)
}

@Test func paragraphRatings() {
    let docs = [AgreementDocument(id: "d", title: "D", text: text), AgreementDocument(id: "e", title: "E", text: "Only.")]
    let input = AgreementInput(
        documents: docs, coders: ["a", "b", "c"], codes: codes,
        codings: [
            coding("a", "x", 0, 3), coding("b", "x", 2, 4), coding("c", "x", 1, 2),  // p1: all x
            coding("a", "y", 8, 14),  // overlaps p2 and p3
            coding("b", "y", 13, 13),  // empty: ignored
            coding("c", "x", 21, 22), coding("c", "y", 21, 25),  // p4: c only
            coding("b", "x", 0, 5, doc: "e"),
            coding("z", "x", 0, 25),  // not a compared coder
        ])
    let ratings = computeUnitRatings(input, unit: .paragraph)
    #expect(ratings.map { "\($0.document):\($0.start)-\($0.end)" } == ["d:0-4", "d:6-10", "d:12-18", "d:20-25", "e:0-5"])
    #expect(ratings[0].codes == ["a": ["x"], "b": ["x"], "c": ["x"]] && ratings[0].agreed)
    #expect(ratings[1].codes == ["a": ["y"], "b": [], "c": []] && !ratings[1].agreed)
    #expect(ratings[2].codes == ratings[1].codes)
    #expect(ratings[3].codes == ["a": [], "b": [], "c": ["x", "y"]] && !ratings[3].agreed)
    #expect(ratings[4].codes == ["a": [], "b": ["x"], "c": []])
    // Document units: the whole document.
    let documents = computeUnitRatings(input, unit: .document)
    #expect(documents.map { "\($0.document):\($0.start)-\($0.end)" } == ["d:0-25", "e:0-5"])
    #expect(documents[0].codes == ["a": ["x", "y"], "b": ["x"], "c": ["x", "y"]])
}

@Test func characterRatingsAreMaximalRuns() {
    let docs = [AgreementDocument(id: "d", title: "D", text: String(repeating: "a", count: 30))]
    let input = AgreementInput(
        documents: docs, coders: ["a", "b"], codes: codes,
        codings: [
            coding("a", "x", 0, 10), coding("b", "x", 0, 5), coding("b", "x", 5, 10),  // touching: one run
            coding("a", "y", 8, 12),
            coding("b", "y", 20, 25), coding("b", "y", 22, 28),  // overlapping: merged
        ])
    let ratings = computeUnitRatings(input, unit: .character)
    #expect(ratings.map { "\($0.start)-\($0.end)" } == ["0-8", "8-10", "10-12", "20-28"])
    #expect(ratings[0].codes == ["a": ["x"], "b": ["x"]] && ratings[0].agreed)
    #expect(ratings[1].codes == ["a": ["x", "y"], "b": ["x"]] && !ratings[1].agreed)
    #expect(ratings[2].codes == ["a": ["y"], "b": []])
    #expect(ratings[3].codes == ["a": [], "b": ["y"]])
}

@Test func segmentRatings() {
    let docs = [AgreementDocument(id: "d", title: "D", text: String(repeating: "a", count: 200))]
    let input = AgreementInput(
        documents: docs, coders: ["a", "b"], codes: codes,
        codings: [
            coding("a", "x", 0, 100), coding("b", "x", 0, 95),  // matched at 95%
            coding("a", "x", 120, 140), coding("b", "x", 125, 140),  // 75%: two disagreeing units
            coding("a", "y", 0, 100),  // only a
        ])
    let ratings = computeUnitRatings(input, unit: .segment(overlapPercent: 90))
    #expect(ratings.map { "\($0.start)-\($0.end)" } == ["0-100", "0-100", "120-140", "125-140"])
    #expect(ratings[0].codes == ["a": ["x"], "b": ["x"]] && ratings[0].agreed)
    #expect(ratings[1].codes == ["a": ["y"], "b": []] && !ratings[1].agreed)
    #expect(ratings[2].codes == ["a": ["x"], "b": []])
    #expect(ratings[3].codes == ["a": [], "b": ["x"]])
    let report = computeAgreement(input, unit: .segment(overlapPercent: 90))
    #expect(ratings.count == report.units)
}

/// The ratings reproduce the report's pair tables exactly (the same semantics), for random
/// inputs and every presence scheme.
@Test(arguments: [UnitScheme.document, .paragraph, .sentence, .character])
func ratingsReproduceThePairTables(_ scheme: UnitScheme) {
    for seed in 1...12 as ClosedRange<UInt64> {
        let input = RandomInput.make(seed: seed)
        let report = computeAgreement(input, unit: scheme)
        let ratings = computeUnitRatings(input, unit: scheme)
        // Ordered by document, then position; no unit nobody coded.
        let order = Dictionary(uniqueKeysWithValues: input.documents.enumerated().map { ($1.id, $0) })
        for (x, y) in zip(ratings, ratings.dropFirst()) {
            #expect((order[x.document]!, x.start, x.end) < (order[y.document]!, y.start, y.end) || scheme == .document)
            if scheme == .character && x.document == y.document && x.end == y.start { #expect(x.codes != y.codes) }
        }
        #expect(ratings.allSatisfy { r in r.codes.count == input.coders.count && r.codes.values.contains { !$0.isEmpty } })
        #expect(ratings.allSatisfy { r in r.agreed == (Set(r.codes.values).count == 1) })
        for (c, code) in report.codes.enumerated() {
            for pair in code.pairs {
                var both = 0, first = 0, second = 0
                for rating in ratings {
                    let weight = scheme == .character ? rating.end - rating.start : 1
                    let a = rating.codes[pair.coders[0]]!.contains(input.codes[c].id)
                    let b = rating.codes[pair.coders[1]]!.contains(input.codes[c].id)
                    if a && b { both += weight } else if a { first += weight } else if b { second += weight }
                }
                let got: [Int] = [both, first, second]
                let want: [Int] = [pair.both, pair.onlyFirst, pair.onlySecond]
                #expect(got == want, "seed \(seed) \(code.code) \(pair.coders)")
            }
        }
    }
}

/// Random documents, coders, codes (some in an exclusive group) and codings, reproducible.
enum RandomInput {
    static func make(seed: UInt64, documents: Int = 5, coders: Int = 3, codes: Int = 5) -> AgreementInput {
        var g = SeededGenerator(seed: seed)
        let words = ["alpha", "beta", "Gamma.", "delta?", "epsilon", "Zeta!", "éta", "日本語。", "x", "e.g."]
        let docs = (0..<documents).map { d -> AgreementDocument in
            let paragraphs = (0..<Int.random(in: 0...4, using: &g)).map { _ in
                (0..<Int.random(in: 1...14, using: &g)).map { _ in words[Int.random(in: 0..<words.count, using: &g)] }
                    .joined(separator: " ")
            }
            return AgreementDocument(id: "doc\(d)", title: "Doc \(d)", text: paragraphs.joined(separator: Bool.random(using: &g) ? "\n\n" : "\n \n"))
        }
        let names = (0..<coders).map { "coder\($0)" }
        let codeList = (0..<codes).map { AgreementCode(id: "k\($0)", path: "g/k\($0)", group: $0 < 3 ? "g" : nil) }
        var codings: [AgreementCoding] = []
        for doc in docs {
            let length = doc.text.unicodeScalars.count
            guard length > 0 else { continue }
            for _ in 0..<Int.random(in: 0...10, using: &g) {
                let s = Int.random(in: 0..<length, using: &g)
                let e = min(length, s + Int.random(in: 1...40, using: &g))
                let code = codeList[Int.random(in: 0..<codes, using: &g)].id
                for coder in names where Int.random(in: 0..<3, using: &g) > 0 {
                    codings.append(
                        AgreementCoding(
                            coder: coder, document: doc.id, code: code, start: s + Int.random(in: -3...3, using: &g),
                            end: e + Int.random(in: -3...3, using: &g)))
                }
            }
        }
        codings.append(AgreementCoding(coder: "stranger", document: "doc0", code: "k0", start: 0, end: 4))
        return AgreementInput(documents: docs, coders: names, codes: codeList, codings: codings)
    }
}
