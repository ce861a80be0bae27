import Store

/// What `recover` did.
public struct Recovery: Sendable {
    /// (voided coding id, new coding event) for each coding entered again.
    public var recovered: [(from: String, to: Event)] = []
    /// Voided codings left alone, with why: the code or document is retired
    /// or merged away, or the same span is already coded with that code.
    public var skipped: [(id: String, reason: String)] = []
}

extension Replica {
    /// Enters again, as new events signed by `key`, the acting member's own
    /// codings that lost their effect: written with a key that was replaced
    /// concurrently, or before a demotion or removal that was later undone.
    /// Nothing is rewritten: the voided events stay in the log as they were,
    /// and the new ones are ordinary codings with this member's current key.
    /// A coding whose span is already coded with the same code is skipped,
    /// so running it twice adds nothing.
    @discardableResult
    public func recoverVoidedCodings(by key: SigningKey) throws(AccordError) -> Recovery {
        var recovery = Recovery()
        var sources: [String] = []
        let events = try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.coder, catalog, key, to: "recover codings")
            guard let me = catalog.member(forKey: key.publicHex) else { return [] }
            let live = Set(try view.codings(catalog: catalog).filter { $0.member == me.id }.map { "\($0.document) \($0.code) \($0.start) \($0.end)" })
            var seen = live
            var actions: [Action] = []
            for coding in try view.voidedCodings(catalog: catalog) where coding.member == me.id {
                let span = "\(coding.document) \(coding.code) \(coding.start) \(coding.end)"
                guard let code = catalog.code(id: coding.code), !code.retired, code.mergedInto == nil else {
                    recovery.skipped.append((coding.id, "its code is retired")); continue
                }
                guard let document = catalog.document(id: coding.document), !document.retired else {
                    recovery.skipped.append((coding.id, "its document is retired")); continue
                }
                guard seen.insert(span).inserted else {
                    recovery.skipped.append((coding.id, "the same span is already coded with that code")); continue
                }
                sources.append(coding.id)
                actions.append(Action(.segmentCoded(SegmentCoded(document: EventID(hex: coding.document)!, code: EventID(hex: coding.code)!,
                                                                 start: Int64(coding.start), end: Int64(coding.end)))))
            }
            return actions
        }
        recovery.recovered = Array(zip(sources, events)).map { (from: $0.0, to: $0.1) }
        return recovery
    }
}
