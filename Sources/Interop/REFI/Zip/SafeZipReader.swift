import Foundation
import ZIPFoundation

/// Reads entries of a zip archive into memory within `ZipLimits`.
final class SafeZipReader {
    private let archive: Archive
    private let limits: ZipLimits
    private let file: String
    private(set) var inflatedTotal: Int64 = 0
    /// Entry paths in archive order, and the entries by path (the first of a repeated path wins).
    let paths: [String]
    private let entries: [String: Entry]

    init(url: URL, limits: ZipLimits) throws(InteropError) {
        file = url.lastPathComponent
        self.limits = limits
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .io("\(url.path) does not exist")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .notZip("\(file) is not a zip archive; a .qdpx is a zip of project.qde and sources/")
        }
        var paths: [String] = []
        var entries: [String: Entry] = [:]
        for entry in archive {
            if paths.count >= limits.maxEntries {
                throw .zipLimit("\(file) has more than \(limits.maxEntries) entries; refused as a possible zip bomb")
            }
            let path = entry.path
            paths.append(path)
            if entries[path] == nil { entries[path] = entry }
        }
        self.paths = paths
        self.entries = entries
    }

    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The entry whose path equals `path` ignoring case, when no exact match exists.
    func caseInsensitivePath(_ path: String) -> String? {
        if entries[path] != nil { return path }
        let lower = path.lowercased()
        return paths.first { $0.lowercased() == lower }
    }

    /// The inflated bytes of the entry at `path`.
    func read(_ path: String) throws(InteropError) -> Data {
        guard let entry = entries[path] else { throw .io("\(file) has no entry `\(path)`") }
        let declared = Int64(clamping: entry.uncompressedSize)
        let compressed = max(Int64(clamping: entry.compressedSize), 1)
        try checkSize(path, bytes: declared, compressed: compressed, claimed: true)
        var data = Data()
        var produced: Int64 = 0
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                produced += Int64(chunk.count)
                if produced > declared {
                    throw InteropError.zipLimit(
                        "`\(path)` in \(file) inflates past the \(declared) bytes it declares; refused as a zip bomb")
                }
                try self.checkSize(path, bytes: produced, compressed: compressed, claimed: false)
                data.append(chunk)
            }
        } catch let error as InteropError {
            throw error
        } catch {
            throw .notZip("`\(path)` in \(file) cannot be inflated (\(error)); the archive is damaged")
        }
        guard checksum == entry.checksum, produced == declared else {
            throw .notZip("`\(path)` in \(file) does not match its checksum or size; the archive is damaged")
        }
        inflatedTotal += produced
        return data
    }

    private func checkSize(_ path: String, bytes: Int64, compressed: Int64, claimed: Bool) throws(InteropError) {
        let how = claimed ? "declares" : "inflates to"
        if bytes > limits.maxEntryBytes {
            throw .zipLimit("`\(path)` in \(file) \(how) more than \(limits.maxEntryBytes) bytes, the limit for one entry; refused")
        }
        if inflatedTotal + bytes > limits.maxTotalBytes {
            throw .zipLimit("\(file) \(how) more than \(limits.maxTotalBytes) bytes in all, the limit for an import; refused")
        }
        if bytes >= limits.ratioThresholdBytes, Double(bytes) / Double(compressed) > limits.maxCompressionRatio {
            throw .zipLimit("`\(path)` in \(file) \(how) \(bytes) bytes from \(compressed) "
                            + "(more than \(Int(limits.maxCompressionRatio))× compression); refused as a zip bomb")
        }
    }
}
