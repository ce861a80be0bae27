import Foundation

/// Reads a REFI-QDA codebook (`.qdc`).
public enum QDCReader {
    /// Reads the codebook in the file at `url`. A `.qdc` is one XML file, read
    /// whole; files past `options.limits.maxEntryBytes` are refused.
    public static func read(
        _ url: URL, options: REFIReadOptions = REFIReadOptions(), progress: InteropProgress? = nil
    ) throws(InteropError) -> REFICodebookImport {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
        guard let size else { throw .io("\(url.path) cannot be read") }
        guard size <= options.limits.maxEntryBytes else {
            throw .zipLimit("\(url.lastPathComponent) has \(size) bytes, more than the \(options.limits.maxEntryBytes) a codebook may have")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .io("\(url.path) cannot be read: \(error.localizedDescription)") }
        var reporter = ProgressReporter(progress, total: 1)
        let result = try read(data, file: url.lastPathComponent, options: options)
        reporter.finish()
        return result
    }

    /// Reads a codebook from its XML bytes; `file` names it in messages.
    public static func read(_ data: Data, file: String = "codebook.qdc", options: REFIReadOptions = REFIReadOptions()) throws(InteropError) -> REFICodebookImport {
        let root = try XMLTreeParser.parse(data, file: file)
        var decoder = try CodebookDecoder(root: root, file: file, options: options)
        return try decoder.decode()
    }
}
