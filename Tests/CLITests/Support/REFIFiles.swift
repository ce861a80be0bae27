import Foundation
import ZIPFoundation

/// REFI-QDA files the interop tests read: the real MAXQDA export kept with
/// the library's tests, and the entries of a written `.qdpx`.
enum REFIFiles {
    static let maxqda = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("InteropTests/Fixtures/maxqda24-icls-themes.qdpx")

    /// One entry of a zip, whole.
    static func entry(_ path: String, of zip: URL) throws -> Data? {
        let archive = try Archive(url: zip, accessMode: .read)
        guard let entry = archive[path] else { return nil }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    /// A zip holding `entries`.
    static func zip(_ entries: [String: Data], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }

    /// Every entry's path.
    static func paths(of zip: URL) throws -> [String] {
        try Archive(url: zip, accessMode: .read).map(\.path)
    }
}
