import Store

/// Everything that happened to one coding (`accord blame`): who made it and
/// when, what its code was called then and is called now, what happened to
/// the code since (renames, moves, merges, retirement), its withdrawal, the
/// memos on it and every adjudication that covered its span, each with the
/// id of the event that did it.
public struct BlameReport: Sendable {
    public struct Step: Sendable {
        /// `defined`, `renamed`, `moved`, `merged`, `retired`, `withdrawn`.
        public var kind: String
        public var event: String
        public var author: String
        public var time: Int64
        /// What changed, in the project's words (a new name, a merge target's path).
        public var detail: String
    }

    public var catalog: Catalog
    public var coding: CodingRow
    public var document: Catalog.Document
    public var text: String
    /// The code's path when the coding was made, and the path of the code it counts as now.
    public var codeThen: String
    public var codeNow: String
    /// The code the coding counts as now (after merges), and whether it is retired.
    public var currentCode: String
    public var currentCodeRetired: Bool
    /// The code's history from its definition on, along its merges.
    public var codeHistory: [Step]
    public var withdrawal: Step?
    public var memos: [MemoRow]
    /// Every decision on a span overlapping the coding's, oldest first, and whether it stands.
    public var adjudications: [(decision: DecisionRow, standing: Bool)]
}

extension Replica {
    /// The history of one coding, current or withdrawn.
    public func blame(_ prefix: String) throws(AccordError) -> BlameReport {
        try store.read { view in
            let catalog = try view.catalog()
            let record = try view.coding(prefix: prefix)
            guard let (coding, uncodedBy) = try view.codingRow(id: record.id) else {
                throw AccordError.unknownCoding("no coding \(prefix); `accord codings` lists them")
            }
            guard let document = catalog.document(id: coding.document) else {
                throw AccordError.unknownDocument("the coding's document is missing; run `accord verify`")
            }
            let scalars = Array((try view.documentText(document.id) ?? "").unicodeScalars)
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[min(coding.start, scalars.count)..<min(coding.end, scalars.count)])
            var edits: [String: [EditRow]] = [:]
            func history(_ code: String) throws(AccordError) -> [EditRow] {
                if let known = edits[code] { return known }
                let rows = try view.edits(of: code)
                edits[code] = rows
                return rows
            }
            /// The value a register of `code` held at `time`: the live edits
            /// among those made by then, greatest (time, author) first.
            func value(_ code: String, _ field: String, at time: Int64) throws(AccordError) -> JSONValue? {
                let made = try history(code).filter { $0.field == field && $0.time <= time }
                let superseded = Set(made.flatMap(\.base))
                return made.filter { !superseded.contains($0.id) }.max { ($0.time, $0.author) < ($1.time, $1.author) }?.value
            }
            func path(_ code: String, at time: Int64) throws(AccordError) -> String {
                var names: [String] = []
                var current: String? = code
                var seen = Set<String>()
                while let c = current, seen.insert(c).inserted {
                    names.append(try value(c, "name", at: time)?.stringValue ?? String(c.prefix(12)))
                    current = try value(c, "parent", at: time)?.stringValue
                }
                return names.reversed().joined(separator: "/")
            }
            // The code's history, along its merges.
            var steps: [BlameReport.Step] = []
            var chain = [coding.code]
            var seen: Set<String> = [coding.code]
            while let next = catalog.code(id: chain.last!)?.mergedInto, seen.insert(next).inserted { chain.append(next) }
            for code in chain {
                for edit in try history(code) {
                    let name = catalog.name(ofKey: edit.author)
                    switch edit.field {
                    case "name" where edit.id == code:
                        // A merge target's own definition is not this coding's story.
                        guard code == coding.code else { continue }
                        steps.append(.init(kind: "defined", event: edit.id, author: name, time: edit.time, detail: try path(code, at: edit.time)))
                    case "name":
                        steps.append(.init(kind: "renamed", event: edit.id, author: name, time: edit.time,
                                           detail: "\(try path(code, at: edit.time - 1)) → \(try path(code, at: edit.time))"))
                    case "parent" where edit.id != code:
                        steps.append(.init(kind: "moved", event: edit.id, author: name, time: edit.time,
                                           detail: "\(try path(code, at: edit.time - 1)) → \(try path(code, at: edit.time))"))
                    default: break
                    }
                }
                for merge in try view.merges(of: code) {
                    steps.append(.init(kind: "merged", event: merge.id, author: catalog.name(ofKey: merge.author), time: merge.time,
                                       detail: "\(try path(code, at: merge.time)) into \(try path(merge.into ?? "", at: merge.time))"))
                }
                for retirement in try view.retirements(of: code) {
                    steps.append(.init(kind: "retired", event: retirement.id, author: catalog.name(ofKey: retirement.author),
                                       time: retirement.time, detail: try path(code, at: retirement.time)))
                }
            }
            steps.sort { ($0.time, $0.event) < ($1.time, $1.event) }
            var withdrawal: BlameReport.Step?
            if let uncodedBy {
                let event = try view.event(id: uncodedBy)
                withdrawal = .init(kind: "withdrawn", event: uncodedBy, author: event.map { catalog.name(ofKey: $0.author) } ?? "?",
                                   time: event?.time ?? 0, detail: "")
            }
            let memos = try view.memos().filter { $0.coding == coding.id }
            let decisions = try view.decisions()
            let standing = Set(decisions.standing.map(\.id))
            let adjudications = decisions.overlapping(document: coding.document, start: coding.start, end: coding.end)
                .map { ($0, standing.contains($0.id)) }
            let current = catalog.effectiveCode(coding.code)
            return BlameReport(
                catalog: catalog, coding: coding, document: document, text: String(text),
                codeThen: try path(coding.code, at: coding.time), codeNow: catalog.path(ofCode: current),
                currentCode: current, currentCodeRetired: catalog.code(id: current)?.retired ?? false,
                codeHistory: steps, withdrawal: withdrawal, memos: memos, adjudications: adjudications)
        }
    }
}
