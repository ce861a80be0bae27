import Foundation
import Store

extension Replica {
    /// Imports codings from CSV in one transaction: every row or none.
    ///
    /// Header `document,start,end,code` (all rows by `key`) or
    /// `coder,document,start,end,code` (each row by the keyring key of that
    /// name, for a lead bringing in several coders' work from elsewhere).
    /// A bad row is reported with its line number and nothing is written.
    @discardableResult
    public func importCodings(csv text: String, by key: SigningKey) throws(AccordError) -> Int {
        let rows = try CSV.parse(text)
        guard let header = rows.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw AccordError("bad_csv", "the CSV file is empty")
        }
        let withCoder: Bool
        switch header {
        case ["document", "start", "end", "code"]: withCoder = false
        case ["coder", "document", "start", "end", "code"]: withCoder = true
        default:
            throw AccordError("bad_csv", "line 1: the header must be `document,start,end,code` or `coder,document,start,end,code`")
        }
        var keys: [String: SigningKey] = [:]
        var order: [String] = []
        var byCoder: [String: [(line: Int, fields: [String])]] = [:]
        for row in rows.dropFirst() where !(row.fields.count == 1 && row.fields[0].isEmpty) {
            guard row.fields.count == header.count else {
                throw AccordError("bad_csv", "line \(row.line): expected \(header.count) fields, found \(row.fields.count)")
            }
            let coder = withCoder ? row.fields[0] : ""
            if byCoder[coder] == nil {
                order.append(coder)
                keys[coder] = withCoder ? try keyForCSV(coder, line: row.line) : key
            }
            byCoder[coder, default: []].append((row.line, Array(row.fields.dropFirst(withCoder ? 1 : 0))))
        }
        let groups = order.map { (coder: $0, key: keys[$0]!, rows: byCoder[$0]!) }
        let written = try store.append { view in
            let catalog = try view.catalog()
            return try groups.map { group -> (key: SigningKey, actions: [Action]) in
                do { try Roles.require(.coder, catalog, group.key, to: "import codings") } catch let error as AccordError {
                    throw AccordError(error.code, "line \(group.rows[0].line): \(error.message)")
                }
                var actions: [Action] = []
                actions.reserveCapacity(group.rows.count)
                for (line, f) in group.rows {
                    do {
                        guard let s = Int(f[1].trimmingCharacters(in: .whitespaces)), let e = Int(f[2].trimmingCharacters(in: .whitespaces)) else {
                            throw AccordError("bad_csv", "start and end must be whole numbers")
                        }
                        actions.append(try Replica.codingAction(code: f[3], document: f[0], anchor: .span(s, e), catalog: catalog, view))
                    } catch let error as AccordError {
                        throw AccordError(error.code == "bad_span" ? "bad_csv" : error.code, "line \(line): \(error.message)")
                    }
                }
                return (group.key, actions)
            }
        }
        return written.reduce(0) { $0 + $1.count }
    }

    func keyForCSV(_ coder: String, line: Int) throws(AccordError) -> SigningKey {
        do { return try store.keyring.key(coder) } catch {
            throw AccordError("unknown_key", "line \(line): no key named `\(coder)` in this replica's keyring")
        }
    }
}

/// RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends.
/// Open to the fuzz targets (`Fuzz/`) through SPI only.
@_spi(Fuzzing) public enum CSV {
    public struct Row {
        public var line: Int
        public var fields: [String]
    }

    public static func parse(_ text: String) throws(AccordError) -> [Row] {
        var rows: [Row] = []
        var field = ""
        var fields: [String] = []
        var line = 1, rowLine = 1
        var inQuotes = false
        var afterQuote = false
        var chars = Array(text.unicodeScalars)[...]
        if chars.first == "\u{FEFF}" { chars = chars.dropFirst() }
        var i = chars.startIndex
        while i < chars.endIndex {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.endIndex, chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty, !afterQuote else { throw AccordError("bad_csv", "line \(line): stray quote inside a field") }
                inQuotes = true
            } else if c == "," {
                fields.append(field); field = ""; afterQuote = false
            } else if c == "\n" || c == "\r" {
                if c == "\r", i + 1 < chars.endIndex, chars[i + 1] == "\n" { i += 1 }
                fields.append(field)
                rows.append(Row(line: rowLine, fields: fields))
                field = ""; fields = []; afterQuote = false
                line += 1; rowLine = line
            } else {
                guard !afterQuote else { throw AccordError("bad_csv", "line \(line): text after a closing quote") }
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        guard !inQuotes else { throw AccordError("bad_csv", "line \(rowLine): unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
