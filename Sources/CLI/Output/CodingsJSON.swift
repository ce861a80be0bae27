import Store

/// The fixed JSON shape of one coding (DESIGN §8).
enum CodingsJSON {
    static func row(_ c: CodingRow, catalog: Catalog) -> JSONValue {
        ["id": .string(c.id), "coder": .string(catalog.coderName(c)),
         "document": .string(catalog.document(id: c.document)?.title ?? c.document),
         "document_id": .string(c.document), "start": .int(Int64(c.start)), "end": .int(Int64(c.end)),
         "code": .string(catalog.code(id: c.code)?.path ?? c.code), "code_id": .string(c.code),
         "time": .string(ISOTime.format(c.time))]
    }
}
