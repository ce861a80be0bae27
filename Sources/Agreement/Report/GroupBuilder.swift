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

    /// The character scheme: stretches of characters over which no rater's state changes, each
    /// weighted by its length.
    static func build(_ builder: PresenceBuilder) -> [GroupAgreement] {
        let input = builder.input
        let raters = builder.raters
        let names = raters.names
        return groups(input.codes).map { group in
            let q = group.categories.count
            let lists = (0..<raters.count).map { r in group.categories.map { builder.presence[$0][r] } }
            var tally = GroupTally(raters: raters.count, categories: q)
            var multiCount = 0
            var multiRuns: [(run: Range<Int>, raters: [Int])] = []
            var ratings = [Int](repeating: GroupTally.missing, count: raters.count)
            CharacterSweep.sweepCategories(lists) { stretch, states in
                let weight = stretch.count
                let multi = states.indices.filter { states[$0] == .multiple }
                if !multi.isEmpty {
                    multiCount += weight
                    if let last = multiRuns.last, last.run.upperBound == stretch.lowerBound, last.raters == multi {
                        multiRuns[multiRuns.count - 1].run = last.run.lowerBound..<stretch.upperBound
                    } else {
                        multiRuns.append((stretch, multi))
                    }
                    return
                }
                for (r, state) in states.enumerated() {
                    if case .category(let k) = state { ratings[r] = k } else { ratings[r] = GroupTally.missing }
                }
                tally.add(ratings, weight: weight)
            }
            var listed: [MultiCodedUnit] = []
            for (run, who) in multiRuns {
                for place in builder.space.locate(run) {
                    listed.append(
                        MultiCodedUnit(
                            document: input.documents[place.document].id, start: place.span.lowerBound,
                            end: place.span.upperBound, coders: who.map { names[$0] }))
                }
            }
            let stats = tally.statistics(pairs: raters.pairs, names: names, tooFew: raters.tooFew)
            return GroupAgreement(
                group: group.path, categories: group.categories.map { input.codes[$0].path }, coders: input.coders,
                pairs: stats.pairs, fleissKappa: stats.fleiss, krippendorffAlpha: stats.alpha,
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
