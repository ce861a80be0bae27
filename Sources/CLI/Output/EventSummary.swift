import Store

/// A one-line account of what an event did, in the project's own words.
enum EventSummary {
    static func describe(_ event: Event, catalog: Catalog) -> String {
        let b = event.body
        func code(_ key: String) -> String { b[key]?.stringValue.map { catalog.code(id: $0)?.path ?? Output.short($0) } ?? "?" }
        func doc(_ key: String = "document") -> String { b[key]?.stringValue.map { catalog.document(id: $0)?.title ?? Output.short($0) } ?? "?" }
        func member() -> String { b["member"]?.stringValue.map { id in catalog.members.first { $0.id == id }?.name ?? Output.short(id) } ?? "?" }
        switch event.type {
        case .projectCreated: return "created \"\(b["name"]?.stringValue ?? "")\" with lead \(b["member"]?.stringValue ?? "")"
        case .memberAdded: return "added \(b["name"]?.stringValue ?? "") as \(b["role"]?.stringValue ?? "")"
        case .memberChanged: return "changed \(member())" + (b["role"]?.stringValue.map { " to \($0)" } ?? "")
        case .memberRemoved: return "removed \(member())"
        case .documentAdded: return "added \(b["title"]?.stringValue ?? "") (\(b["length"]?.intValue ?? 0) chars)"
        case .documentRetired: return "retired \(doc())"
        case .codeDefined: return "defined \(catalog.code(id: event.id)?.path ?? b["name"]?.stringValue ?? "")"
        case .codeChanged:
            let fields = ["name", "description", "parent", "color", "exclusive"].filter { b[$0] != nil }
            return "changed \(code("code")) (\(fields.joined(separator: ", ")))"
        case .codeMerged: return "merged \(code("code")) into \(code("into"))"
        case .codeRetired: return "retired \(code("code"))"
        case .segmentCoded: return "\(code("code")) on \(doc()) \(b["start"]?.intValue ?? 0):\(b["end"]?.intValue ?? 0)"
        case .segmentUncoded: return "removed coding \(Output.short(b["coding"]?.stringValue ?? ""))"
        case .memoAdded: return "memo: \(String((b["text"]?.stringValue ?? "").prefix(50)))"
        case .documentDone: return "finished \(doc())"
        case .adjudicationDecided: return "decided \(doc()) \(b["start"]?.intValue ?? 0):\(b["end"]?.intValue ?? 0)"
        }
    }
}
