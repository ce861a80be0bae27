import CSV
import Foundation

/// Writes codings as a tidy CSV — one row per coding, columns
/// `coder,document,start,end,code,text,time,coding` — ready for R or pandas.
///
/// RFC 4180 (via CSV.swift): CRLF after every record, fields with a comma,
/// quote or line break quoted, quotes doubled; UTF-8 without a BOM; `time` in
/// ISO 8601 UTC with milliseconds (`2025-03-01T09:30:00.000Z`). Rows stream to
/// the handle in batches of 1,000, so an export of any size needs little memory.
public final class TidyCSVWriter {
    public static let columns = ["coder", "document", "start", "end", "code", "text", "time", "coding"]

    private let handle: FileHandle
    private let times: ISO8601DateFormatter
    private var batch: [[String]] = []
    private static let batchSize = 1_000

    /// Starts the CSV on `handle` with the header row.
    public init(handle: FileHandle) {
        self.handle = handle
        times = ISO8601DateFormatter()
        times.timeZone = TimeZone(identifier: "UTC")
        times.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        batch.append(Self.columns)
    }

    public func write(_ row: TidyCodingRow) throws(InteropError) {
        batch.append([row.coder, row.document, String(row.start), String(row.end), row.code, row.text,
                      times.string(from: row.time), row.coding])
        if batch.count >= Self.batchSize { try flush() }
    }

    /// Writes what is pending to the handle.
    public func finish() throws(InteropError) { try flush() }

    /// CSV.swift writes to an `OutputStream`: each batch goes through a memory
    /// stream and then to the handle, since a stream cannot wrap a `FileHandle`.
    private func flush() throws(InteropError) {
        guard !batch.isEmpty else { return }
        let stream = OutputStream.toMemory()
        var data: Data
        do {
            let csv = try CSVWriter(stream: stream, newline: .crlf)
            for fields in batch { try csv.write(row: fields) }
            data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        } catch {
            throw .io("cannot write the CSV: \(error)")
        }
        data.append(contentsOf: [0x0D, 0x0A])
        batch.removeAll(keepingCapacity: true)
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw .io("cannot write the CSV: \(error.localizedDescription)")
        }
    }

    /// Writes `rows` (with the header) to `handle`; `total` (the number of rows,
    /// when known) drives `progress`, called every 1,000 rows and at the end.
    public static func write<Rows: Sequence>(
        _ rows: Rows, to handle: FileHandle, total: Int, progress: InteropProgress? = nil
    ) throws(InteropError) where Rows.Element == TidyCodingRow {
        let writer = TidyCSVWriter(handle: handle)
        var reporter = ProgressReporter(progress, total: total)
        var pending = 0
        for row in rows {
            try writer.write(row)
            pending += 1
            if pending == batchSize {
                reporter.advance(by: pending)
                pending = 0
            }
        }
        try writer.finish()
        reporter.finish()
    }
}
