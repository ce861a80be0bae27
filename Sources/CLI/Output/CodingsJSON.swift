import Store

/// The fixed JSON shape of one coding (DESIGN §8).
enum CodingsJSON {
    static let names = ["id", "coder", "document", "document_id", "start", "end", "code", "code_id", "time"]
    static let shape = CanonicalObjectShape(names)

    /// The values of `names`, in that order.
    static func values(_ c: CodingRow, title: String? = nil, catalog: Catalog) -> [JSONValue] {
        var values: [JSONValue] = []
        self.values(c, title: title, catalog: catalog, into: &values)
        return values
    }

    /// The same into `values`, emptied first: a listing reuses one array for every row.
    static func values(_ c: CodingRow, title: String? = nil, catalog: Catalog, into values: inout [JSONValue]) {
        values.removeAll(keepingCapacity: true)
        values.append(.string(c.id))
        values.append(.string(catalog.coderName(c)))
        values.append(.string(title ?? catalog.title(ofDocument: c.document)))
        values.append(.string(c.document))
        values.append(.int(Int64(c.start)))
        values.append(.int(Int64(c.end)))
        values.append(.string(catalog.path(ofCode: c.code)))
        values.append(.string(c.code))
        values.append(.string(ISOTime.format(c.time)))
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
        var row: [JSONValue] = []
        row.reserveCapacity(names.count)
        codings.withUnsafeBufferPointer { rows in
            // Each row read in place, not copied (five retains and releases).
            for n in rows.indices {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                if rows[n].document != title.document { title = (rows[n].document, catalog.title(ofDocument: rows[n].document)) }
                values(rows[n], title: title.title, catalog: catalog, into: &row)
                shape.write(row, into: &out)
            }
        }
        out.append(contentsOf: Array(#"],"hidden":"#.utf8))
        CanonicalJSON.write(.int(Int64(hidden)), into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
