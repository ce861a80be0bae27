import Store

/// The fixed JSON shape of one coding (DESIGN §8).
enum CodingsJSON {
    static let names = ["id", "coder", "document", "document_id", "start", "end", "code", "code_id", "time"]
    static let shape = CanonicalObjectShape(names)

    /// The values of `names`, in that order.
    static func values(_ c: CodingRow, title: String? = nil, catalog: Catalog) -> [JSONValue] {
        [.string(c.id), .string(catalog.coderName(c)), .string(title ?? catalog.title(ofDocument: c.document)),
         .string(c.document), .int(Int64(c.start)), .int(Int64(c.end)),
         .string(catalog.path(ofCode: c.code)), .string(c.code), .string(ISOTime.format(c.time))]
    }

    static func row(_ c: CodingRow, catalog: Catalog) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: zip(names, values(c, catalog: catalog))))
    }

    /// `{"codings": [row, …], "hidden": n}`, canonical, written row by row:
    /// `accord codings --json` of a large project prints 100k rows and more.
    static func listing(_ codings: [CodingRow], hidden: Int, catalog: Catalog) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(codings.count * 400 + 64)
        out.append(contentsOf: Array(#"{"codings":["#.utf8))
        // Rows come in document order: the title is looked up once per run.
        var title = (document: "", title: "")
        for (n, c) in codings.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            if c.document != title.document { title = (c.document, catalog.title(ofDocument: c.document)) }
            shape.write(values(c, title: title.title, catalog: catalog), into: &out)
        }
        out.append(contentsOf: Array(#"],"hidden":"#.utf8))
        CanonicalJSON.write(.int(Int64(hidden)), into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
