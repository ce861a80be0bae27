/// Exclusive groups: the children of an exclusive code as the categories of one nominal
/// variable. A coder's rating of a unit is the one category they applied there; none is a
/// missing rating; two or more make the unit *multi-coded*: it is counted, listed, and left
/// out of the group's statistics altogether rather than silently resolved.
enum GroupBuilder {
    /// Group paths in order of first appearance, with their categories' code indices.
    static func groups(_ codes: [AgreementCode]) -> [(path: String, categories: [Int])] {
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (i, code) in codes.enumerated() {
            guard let g = code.group else { continue }
            if members[g] == nil {
                order.append(g)
                members[g] = []
            }
            members[g]!.append(i)
        }
        return order.map { ($0, members[$0]!) }
    }

    static func build(_ builder: PresenceBuilder) -> [GroupAgreement] {
        let input = builder.input
        let coders = input.coders
        let pairs = input.pairs
        return groups(input.codes).map { group in
            let q = group.categories.count
            let lists = coders.indices.map { r in group.categories.map { builder.presence[$0][r] } }
            var confusion = [[[Int]]](
                repeating: [[Int]](repeating: [Int](repeating: 0, count: q), count: q), count: pairs.count)
            var fleiss = FleissAccumulator(categories: q)
            var alpha = CoincidenceAccumulator(categories: q)
            var multiCount = 0
            var multiRuns: [(run: Range<Int>, coders: [Int])] = []
            CharacterSweep.sweepCategories(lists) { stretch, states in
                let weight = stretch.count
                let multi = states.indices.filter { states[$0] == .multiple }
                if !multi.isEmpty {
                    multiCount += weight
                    if let last = multiRuns.last, last.run.upperBound == stretch.lowerBound, last.coders == multi {
                        multiRuns[multiRuns.count - 1].run = last.run.lowerBound..<stretch.upperBound
                    } else {
                        multiRuns.append((stretch, multi))
                    }
                    return
                }
                let ratings: [Int?] = states.map {
                    if case .category(let k) = $0 { return k }
                    return nil
                }
                for (p, (i, j)) in pairs.enumerated() {
                    if let a = ratings[i], let b = ratings[j] { confusion[p][a][b] += weight }
                }
                let counts = CategoryCounts(ratings, categories: q)
                if counts.total == coders.count { fleiss.add(counts, weight: Double(weight)) }
                alpha.add(counts, weight: Double(weight))
            }
            var listed: [MultiCodedUnit] = []
            for (run, who) in multiRuns {
                for place in builder.space.locate(run) {
                    listed.append(
                        MultiCodedUnit(
                            document: input.documents[place.document].id, start: place.span.lowerBound,
                            end: place.span.upperBound, coders: who.map { coders[$0] }))
                }
            }
            let pairResults = pairs.enumerated().map { p, pair in
                PairStatistics.group(coders: [coders[pair.0], coders[pair.1]], confusion: confusion[p])
            }
            return GroupAgreement(
                group: group.path, categories: group.categories.map { input.codes[$0].path }, coders: coders,
                pairs: pairResults,
                fleissKappa: coders.count < 2 ? .undefined(Why.fewerThanTwoCoders) : fleiss.estimate,
                krippendorffAlpha: coders.count < 2 ? .undefined(Why.fewerThanTwoCoders) : alpha.alpha,
                multiCodedUnits: multiCount, multiCoded: listed, note: nil)
        }
    }

    /// Groups are not defined on segment units (each coder's segments are different units).
    static func unavailable(_ input: PreparedInput, note: String) -> [GroupAgreement] {
        groups(input.codes).map { group in
            GroupAgreement(
                group: group.path, categories: group.categories.map { input.codes[$0].path }, coders: input.coders,
                pairs: [], fleissKappa: .undefined(note), krippendorffAlpha: .undefined(note), multiCodedUnits: 0,
                multiCoded: [], note: note)
        }
    }
}
