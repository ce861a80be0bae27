import Store

/// A one-line account of what an event did, in the project's own words.
enum EventSummary {
    static func describe(_ event: Event, catalog: Catalog) -> String {
        func code(_ id: EventID) -> String { catalog.code(id: id.hex)?.path ?? id.short }
        func doc(_ id: EventID) -> String { catalog.document(id: id.hex)?.title ?? id.short }
        func member(_ id: EventID) -> String { catalog.members.first { $0.id == id.hex }?.name ?? id.short }
        switch event.body {
        case .projectCreated(let b): return "created \"\(b.name)\" with lead \(b.member)"
        case .memberAdded(let b): return "added \(b.name) as \(b.role.rawValue)"
        case .memberChanged(let b): return "changed \(member(b.member))" + (b.role.map { " to \($0.rawValue)" } ?? "")
        case .memberRemoved(let b): return "removed \(member(b.member))"
        case .documentAdded(let b): return "added \(b.title) (\(b.length) chars)"
        case .documentRetired(let b): return "retired \(doc(b.document))"
        case .codeDefined(let b): return "defined \(catalog.code(id: event.id)?.path ?? b.name)"
        case .codeChanged(let b): return "changed \(code(b.code)) (\(b.changedFields.joined(separator: ", ")))"
        case .codeMerged(let b): return "merged \(code(b.code)) into \(code(b.into))"
        case .codeRetired(let b): return "retired \(code(b.code))"
        case .segmentCoded(let b): return "\(code(b.code)) on \(doc(b.document)) \(b.start):\(b.end)"
        case .segmentUncoded(let b): return "removed coding \(b.coding.short)"
        case .memoAdded(let b): return "memo: \(String(b.text.prefix(50)))"
        case .documentDone(let b): return "finished \(doc(b.document))"
        case .adjudicationDecided(let b): return "decided \(doc(b.document)) \(b.start):\(b.end)"
        }
    }
}
