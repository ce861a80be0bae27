import Foundation
import Store

/// Writing to the terminal: tables and lines for people, JSON for scripts,
/// one-line errors on stderr.
///
/// Everything people read goes through `TerminalText.escaped`, because names,
/// titles and memos come from events anyone in the project may have written:
/// an ESC sequence must not clear a reader's screen, nor a newline forge a
/// line of the log. JSON is printed as it is; its own escaping covers it.
enum Output {
    /// Where stdout goes while the demo runs a command in this process: the
    /// demo reads what the command printed from here. Bound for one task
    /// with `$capture.withValue`, so nothing global changes.
    @TaskLocal static var capture: OutputBuffer?

    /// Writes `text` and a newline to stdout, or to the capture.
    static func write(_ text: String) {
        if let capture { capture.append(text + "\n") } else { print(text) }
    }

    /// One line; a newline or control character inside it is shown escaped.
    static func line(_ text: String = "") {
        write(TerminalText.escaped(text))
    }

    /// Several lines of text (a document), each escaped; tabs are kept.
    static func lines(of text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            write(TerminalText.escaped(String(line), keepingTabs: true))
        }
    }

    static func json(_ value: JSONValue) {
        json(bytes: CanonicalJSON.encode(value))
    }

    /// JSON already encoded (canonically, by the caller).
    static func json(bytes: [UInt8]) {
        var bytes = bytes
        bytes.append(UInt8(ascii: "\n"))
        raw(bytes)
    }

    /// Bytes ending in a newline, as they are: a listing of 100k codings is
    /// tens of megabytes, not worth checking again as a `String`. Written
    /// after what `print` has buffered, so the order of lines holds.
    static func raw(_ bytes: [UInt8]) {
        if let capture {
            capture.append(String(decoding: bytes, as: UTF8.self))
            return
        }
        fflush(nil)
        try? FileHandle.standardOutput.write(contentsOf: bytes)
    }

    /// A line that is JSON already (an event's stored bytes), as it is.
    static func jsonLine(_ text: String) {
        write(text)
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((TerminalText.escaped(message) + "\n").utf8))
    }

    static func note(_ message: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((TerminalText.escaped(message) + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// A fixed-width table; the last column is left unpadded. Cells are
    /// escaped before they are measured, so columns stay aligned.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = ([header] + rows).map { $0.map { TerminalText.escaped($0) } }
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        for (n, row) in all.enumerated() {
            let cells = row.enumerated().map { i, cell in
                // Padded by characters: `padding(toLength:)` counts UTF-16 units and would cut an emoji's cell short.
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
            }
            write(cells.joined(separator: "  "))
            if n == 0 { write(widths.enumerated().map { i, w in String(repeating: "-", count: i == widths.count - 1 ? max(w, 1) : w) }.joined(separator: "  ")) }
        }
    }

    static func short(_ id: String) -> String { String(id.prefix(12)) }
}

/// Lines that are JSON already (events' stored bytes), written in blocks of
/// a megabyte: `log --json` prints one per event of the log.
struct JSONLineWriter {
    private var buffer: [UInt8] = []

    mutating func write(_ line: [UInt8]) {
        buffer.append(contentsOf: line)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Output.raw(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Text a command printed, collected while the demo runs it in this process.
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""

    func append(_ text: String) {
        lock.lock()
        collected += text
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
