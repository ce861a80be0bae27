import Project
import Store

/// `codings --consensus`: the decided consensus as codings of a coder named
/// `consensus` (the fixed `codings --json` fields, one row per decided code,
/// the decision's id as the row's id), plus every standing decision, those
/// saying "no code applies" included.
enum ConsensusOutput {
    static func print(_ listing: ConsensusListing, json: Bool) throws {
        let catalog = listing.catalog
        func title(_ d: DecisionRow) -> String { catalog.title(ofDocument: d.document) }
        func path(_ c: String) -> String { catalog.path(ofCode: c) }
        if json {
            var rows: [JSONValue] = []
            for e in listing.entries {
                let d = e.decision
                for code in e.codes {
                    rows.append(["id": .string(d.id), "coder": "consensus", "document": .string(title(d)), "document_id": .string(d.document),
                                 "start": .int(Int64(d.start)), "end": .int(Int64(d.end)), "code": .string(path(code)),
                                 "code_id": .string(code), "time": .string(ISOTime.format(d.time)),
                                 "lead": .string(catalog.name(ofKey: d.author))])
                }
            }
            Output.json(["codings": .array(rows), "decisions": .array(listing.entries.map { e in
                let d = e.decision
                return ["id": .string(d.id), "document": .string(title(d)), "document_id": .string(d.document),
                        "start": .int(Int64(d.start)), "end": .int(Int64(d.end)), "codes": .array(e.codes.map { .string(path($0)) }),
                        "note": .string(d.note), "lead": .string(catalog.name(ofKey: d.author)), "time": .string(ISOTime.format(d.time)),
                        "conflict": .array(e.competing.map { .string($0.id) })]
            })])
            return
        }
        Output.table(["DECISION", "LEAD", "DOCUMENT", "SPAN", "CODES", "TIME"], listing.entries.map { e in
            let d = e.decision
            return [Output.short(d.id) + (e.competing.isEmpty ? "" : " (conflict)"), catalog.name(ofKey: d.author), title(d),
                    "\(d.start):\(d.end)", e.codes.isEmpty ? "(none)" : e.codes.map(path).joined(separator: ", "), ISOTime.format(d.time)]
        })
    }
}
