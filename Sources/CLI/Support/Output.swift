import Foundation
import Store

/// Writing to the terminal: tables for people, JSON for scripts, one-line
/// errors on stderr.
enum Output {
    static func line(_ text: String = "") {
        print(text)
    }

    static func json(_ value: JSONValue) {
        print(CanonicalJSON.string(value))
    }

    static func json<T: Encodable>(encodable value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        print(String(decoding: data, as: UTF8.self))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func note(_ message: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// A fixed-width table; the last column is left unpadded.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        for (n, row) in all.enumerated() {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
            if n == 0 { print(widths.enumerated().map { i, w in String(repeating: "-", count: i == widths.count - 1 ? max(w, 1) : w) }.joined(separator: "  ")) }
        }
    }

    static func short(_ id: String) -> String { String(id.prefix(12)) }
}

/// A progress bar on stderr for long work, drawn only on a terminal.
struct ProgressBar {
    let label: String
    let enabled = Output.stderrIsTerminal

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
