import Foundation
import ZIPFoundation

/// Fixture files beside the tests, and scratch directories that remove themselves.
enum TestFiles {
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)")
    }
}

/// A fresh directory under the system's temporary directory, removed on deinit.
final class ScratchDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("interop-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Builds `.qdpx` archives for tests: `project.qde` and any other entries, in order.
enum ZipBuilder {
    static func write(_ entries: [(path: String, data: Data)], to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }

    static func qdpx(_ qde: String, files: [String: String] = [:], to url: URL) throws {
        var entries: [(String, Data)] = [("project.qde", Data(qde.utf8))]
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { entries.append((path, Data(text.utf8))) }
        try write(entries, to: url)
    }
}
