import Foundation
import Interop
import Store

/// Writes an export beside its destination and moves it into place only when
/// it is complete, so a refused or failed export leaves nothing behind.
enum ExportFile {
    static func write(to destination: URL, _ body: (FileHandle) throws -> Void) throws(AccordError) {
        try check(destination)
        let files = FileManager.default
        let folder = destination.deletingLastPathComponent()
        let partial = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
        guard files.createFile(atPath: partial.path, contents: nil), let handle = try? FileHandle(forWritingTo: partial) else {
            throw AccordError("write_failed", "cannot write into \(folder.path)")
        }
        do {
            try body(handle)
            try handle.close()
            if files.fileExists(atPath: destination.path) {
                _ = try files.replaceItemAt(destination, withItemAt: partial)
            } else {
                try files.moveItem(at: partial, to: destination)
            }
        } catch {
            try? handle.close()
            try? files.removeItem(at: partial)
            throw AccordError.from(error, writing: destination)
        }
    }
}

extension ExportFile {
    /// Refuses a destination whose folder is missing or that is itself a
    /// folder, before any work is done (writers that place their own
    /// partial file, like `QDPXWriter`, call this first).
    static func check(_ destination: URL) throws(AccordError) {
        let files = FileManager.default
        let folder = destination.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AccordError("write_failed", "no folder \(folder.path) to write \(destination.lastPathComponent) into")
        }
        if files.fileExists(atPath: destination.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw AccordError("write_failed", "\(destination.path) is a folder; give a file name")
        }
    }
}

extension AccordError {
    /// An interop refusal keeps its code and message; anything else is a write failure.
    static func from(_ error: any Error, writing destination: URL? = nil) -> AccordError {
        switch error {
        case let error as AccordError: error
        case let error as InteropError: AccordError(error.code, error.message)
        default: AccordError("write_failed", "could not write \(destination?.path ?? "the file"): \(error)")
        }
    }
}
