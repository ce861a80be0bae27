import Agreement
import Store

/// What `accord resolve` decides.
public enum Resolution: Sendable {
    /// One unit (`DOC:START-END`) gets these codes (paths or ids); none: no code applies.
    case unit(String, codes: [String])
    /// Every unit where all compared coders agree on at least one code, in
    /// one batch; optionally only in one document.
    case agreed(document: String?, coders: [String])
    /// One coder's codes, for one unit or for every coded unit of a document.
    case accept(coder: String, document: String, unit: String?)
}

extension Replica {
    /// Records a lead's consensus (`adjudication.decided`), one event per
    /// unit, all in one transaction. Each names in `base` the decisions on its
    /// unit the lead had seen (the live ones), so a later decision replaces
    /// them and two leads' concurrent decisions show as a conflict. Units
    /// whose standing consensus already is the decided codes are skipped.
    /// Returns the events written (none when there was nothing to decide).
    @discardableResult
    public func resolve(_ resolution: Resolution, unit scheme: UnitScheme = .paragraph, note: String = "",
                        by key: SigningKey) throws(AccordError) -> [Event] {
        let units = KnownUnits(scheme: scheme)
        defer { units?.keep(in: store) }
        return try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.lead, catalog, key, to: "resolve disagreements")
            let wanted = try Replica.decisions(resolution, scheme: scheme, units: units, catalog: catalog, view)
            let standing = try view.decisions().live
            var actions: [Action] = []
            for (document, start, end, codes) in wanted {
                let unit = Decisions.UnitKey(document: document, start: start, end: end)
                let current = standing[unit]
                if let current, current.count == 1, Set(current[0].codes.map(catalog.effectiveCode)) == codes { continue }
                // A unit never decided has no decision to name (one query saved per unit of a batch).
                let base = current == nil ? []
                    : try view.liveDecisions(document: document, start: start, end: end).compactMap { EventID(hex: $0) }.sorted()
                actions.append(Action(.adjudicationDecided(AdjudicationDecided(
                    document: EventID(hex: document)!, start: Int64(start), end: Int64(end),
                    codes: codes.compactMap { EventID(hex: $0) }.sorted(), note: note, base: base))))
            }
            return actions
        }
    }

    /// The (document, start, end, code ids) each decision of `resolution` sets.
    static func decisions(_ resolution: Resolution, scheme: UnitScheme, units: KnownUnits?, catalog: Catalog,
                          _ view: StoreView) throws(AccordError) -> [(String, Int, Int, Set<String>)] {
        switch resolution {
        case .unit(let name, let codeNames):
            let (document, start, end) = try UnitName.parse(name, catalog: catalog)
            try UnitName.requireAligned(name, document: document, start: start, end: end, scheme: scheme,
                                        documentText: try view.documentText(document.id) ?? "")
            var codes = Set<String>()
            for codeName in codeNames {
                let code = try catalog.code(named: codeName)
                if code.retired { throw AccordError.retiredCode("code `\(code.path)` is retired; a consensus names live codes") }
                if let into = code.mergedInto {
                    throw AccordError.retiredCode("code `\(code.path)` was merged into `\(catalog.path(ofCode: into))`; name that")
                }
                codes.insert(code.id)
            }
            return [(document.id, start, end, codes)]
        case .agreed(let document, let coders):
            if case .segment = scheme {
                throw AccordError("bad_unit", "resolve --agreed decides fixed units: document, paragraph, sentence or character")
            }
            var request = Comparison.Request()
            (request.coders, request.document) = (coders, document)
            return try Comparison.unitRatings(view, request, scheme: scheme, units: units).ratings.compactMap { rating in
                guard rating.agreed, let codes = rating.codes.values.first, !codes.isEmpty else { return nil }
                return (rating.document, rating.start, rating.end, codes)
            }
        case .accept(let coderName, let documentName, let unitName):
            if case .segment = scheme {
                throw AccordError("bad_unit", "resolve --accept decides fixed units: document, paragraph, sentence or character")
            }
            guard let coder = catalog.member(named: coderName) else { throw AccordError.unknownMember("no member `\(coderName)`") }
            let document = try catalog.document(named: documentName)
            let all = try view.codings(catalog: catalog, document: document.id)
            guard all.contains(where: { $0.member == coder.id }) else {
                throw AccordError("never_coded", "\(coder.name) has no codings in `\(document.title)`; accept a coder who coded it")
            }
            // Every member who coded the document, so that the units anyone
            // coded are listed; the accepted coder's codes decide each.
            let others = catalog.members.filter { m in m.id != coder.id && all.contains { $0.member == m.id } }
            var request = Comparison.Request()
            (request.coders, request.document, request.includeUnfinished, request.minimumCoders) =
                ([coder.id] + others.map(\.id), document.id, true, 1)
            let (comparison, ratings) = try Comparison.unitRatings(view, request, scheme: scheme, units: units)
            let name = comparison.input.coders[0]
            if let unitName {
                let (doc, start, end) = try UnitName.parse(unitName, catalog: catalog)
                guard doc.id == document.id else {
                    throw AccordError("unknown_unit", "unit `\(unitName)` is not in `\(document.title)`")
                }
                let text = try view.documentText(document.id) ?? ""
                try UnitName.requireAligned(unitName, document: document, start: start, end: end, scheme: scheme, documentText: text)
                if case .character = scheme {
                    // Any span: the codes the coder applied over all of it.
                    let codes = Set(all.filter { c in c.member == coder.id && c.start < end && start < c.end }.map(\.code))
                    return [(document.id, start, end, codes)]
                }
                let codes = ratings.first { $0.start == start && $0.end == end }?.codes[name] ?? []
                return [(document.id, start, end, codes)]
            }
            return ratings.map { ($0.document, $0.start, $0.end, $0.codes[name] ?? []) }
        }
    }
}
