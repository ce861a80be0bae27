import Foundation
import Interop
import Store

extension Replica {
    /// Writes the current codings that `reader` may see (blind coding applies)
    /// as a tidy CSV, one row per coding, with the coded text quoted; returns
    /// how many rows it wrote.
    @discardableResult
    public func exportTidyCSV(to destination: URL, reader: SigningKey?, at moment: Moment = .now,
                              progress: InteropProgress? = nil) throws(AccordError) -> Int {
        var query = CodingsQuery()
        query.moment = moment
        let listing = try codings(query, reader: reader)
        let catalog = listing.catalog
        let documents = Set(listing.codings.map(\.document))
        let texts: [String: [Unicode.Scalar]] = try store.read(at: moment) { view in
            var texts: [String: [Unicode.Scalar]] = [:]
            for id in documents { texts[id] = Array(try view.documentText(id)?.unicodeScalars ?? "".unicodeScalars) }
            return texts
        }
        let rows = listing.codings.map { coding in
            let scalars = texts[coding.document] ?? []
            let span = scalars[min(coding.start, scalars.count)..<min(max(coding.start, coding.end), scalars.count)]
            var text = String.UnicodeScalarView()
            text.append(contentsOf: span)
            return TidyCodingRow(
                coder: catalog.coderName(coding), document: catalog.title(ofDocument: coding.document),
                start: coding.start, end: coding.end, code: catalog.path(ofCode: coding.code),
                text: String(text), time: Date(timeIntervalSince1970: Double(coding.time) / 1_000_000), coding: coding.id)
        }
        try ExportFile.write(to: destination) { handle in
            try TidyCSVWriter.write(rows, to: handle, total: rows.count, progress: progress)
        }
        return rows.count
    }

    /// Writes every held event's exact bytes, one per line, each after its
    /// `prev` and `deps`; returns how many events it wrote.
    @discardableResult
    public func exportEventsJSONL(to destination: URL) throws(AccordError) -> Int {
        var count = 0
        try ExportFile.write(to: destination) { handle in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            try store.forEachEvent { bytes in
                buffer.append(contentsOf: bytes)
                buffer.append(0x0A)
                count += 1
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: Data(buffer))
        }
        return count
    }
}
