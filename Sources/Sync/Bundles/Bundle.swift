import Foundation
import Store

/// Events through a file, for machines that never meet a network: one event
/// per line, each its exact stored bytes, in causal order. Importing judges
/// every event exactly as sync does, but takes the file whole: one refused
/// line and nothing is imported.
public enum EventBundle {
    /// Writes every event (or those after `have`) to `file`; returns the count.
    public static func export(_ store: Store, to file: URL, have: [String: Int64] = [:]) throws(AccordError) -> Int {
        var lines: [[UInt8]] = []
        var cursor = have
        while true {
            let page = try store.missing(have: cursor, maxBytes: 16 * 1024 * 1024)
            lines += page.events
            for bytes in page.events {
                if let e = try? Event(stored: bytes) { cursor[e.author] = max(cursor[e.author] ?? 0, e.seq) }
            }
            if !page.more { break }
        }
        do { try Data(JSONLines.join(lines)).write(to: file, options: .atomic) } catch {
            throw AccordError("write_failed", "cannot write \(file.path): \(error)")
        }
        return lines.count
    }

    /// Receives every event in `file`; returns each line's outcome (accepted
    /// or already held). A refused line is the error, naming its number, and
    /// nothing is stored.
    public static func `import`(_ store: Store, from file: URL) throws(AccordError) -> [ReceiveOutcome] {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw AccordError("unreadable_file", "cannot read \(file.path)")
        }
        let lines = JSONLines.split(Array(data))
        guard !lines.isEmpty else { throw AccordError("empty_file", "\(file.path) holds no events") }
        return try store.receiveAll(lines)
    }
}
