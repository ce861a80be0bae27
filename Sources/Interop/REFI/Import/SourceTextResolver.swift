import Foundation

/// Finds the text file a source's `plainTextPath` names inside a `.qdpx`.
///
/// `internal://NAME` means `sources/NAME` in the archive (the standard's
/// form). Relative paths are tried as given and then under `sources/`;
/// absolute paths (a `file://` URL, `C:\…`, `/…`) cannot point into the archive,
/// so their file name is looked for under `sources/`. Backslashes count as
/// slashes, percent-escapes are tried decoded too, and a folder spelled
/// `Sources/` is accepted (the standard says lowercase; some tools differ).
enum SourceTextResolver {
    static func candidates(for plainTextPath: String) -> [String] {
        var path = plainTextPath.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\\", with: "/")
        var out: [String] = []
        func add(_ p: String) {
            var p = p
            while p.hasPrefix("./") { p.removeFirst(2) }
            while p.hasPrefix("/") { p.removeFirst() }
            if !p.isEmpty && !out.contains(p) { out.append(p) }
        }
        let lower = path.lowercased()
        if lower.hasPrefix("internal://") {
            path = String(path.dropFirst("internal://".count))
            add("sources/" + path)
            add(path)
        } else if lower.hasPrefix("file://") || lower.hasPrefix("absolute://") || lower.hasPrefix("relative://") {
            let rest = String(path[path.range(of: "://")!.upperBound...])
            add(rest)
            add("sources/" + rest)
        } else {
            add(path)
            add("sources/" + path)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        add("sources/" + name)
        for p in out where p.contains("%") {
            if let decoded = p.removingPercentEncoding { add(decoded) }
        }
        return out
    }

    /// The archive path holding the text, or nil.
    static func resolve(_ plainTextPath: String, in zip: SafeZipReader) -> String? {
        for candidate in candidates(for: plainTextPath) {
            if let found = zip.caseInsensitivePath(candidate) { return found }
        }
        return nil
    }

    /// UTF-8 (a BOM is dropped), or UTF-16 when a BOM says so.
    static func decode(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return String(data: data, encoding: .utf16)
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return String(data: bytes, encoding: .utf8)
    }
}
