import Foundation

/// Reads a REFI-QDA project (`.qdpx`: a zip of `project.qde` and `sources/`).
///
/// What comes back is ready for accord: every text is normalised (no BOM, LF
/// line ends, NFC) and every selection's positions are Unicode scalar offsets
/// into its source's normalised text, mapped with the `PositionConvention`
/// chosen for the file (`PositionConventionChooser` says how; the summary says
/// which and why). Only `project.qde` and the text files sources name are
/// inflated, in memory, within `options.limits`.
public enum QDPXReader {
    public static func read(
        _ url: URL, options: REFIReadOptions = REFIReadOptions(), progress: InteropProgress? = nil
    ) throws(InteropError) -> REFIImport {
        let zip = try SafeZipReader(url: url, limits: options.limits)
        let file = url.lastPathComponent
        guard let qdePath = zip.caseInsensitivePath("project.qde") else {
            throw .noProjectFile("\(file) has no project.qde at its root; it is not a REFI-QDA project")
        }
        let qde = try zip.read(qdePath)
        let root = try XMLTreeParser.parse(qde, file: "\(file)/project.qde")
        let hadCRLF = qde.range(of: Data([0x0D, 0x0A])) != nil
        var cache: [String: String] = [:]
        var decoder = try ProjectDecoder(
            root: root, file: "\(file)/project.qde", options: options, inlineTextHadCRLF: hadCRLF
        ) { (node: XMLTree, path: String) throws(InteropError) -> String in
            guard let entry = SourceTextResolver.resolve(path, in: zip) else {
                throw .missingSource("\(file)/project.qde: \(TreeReading.location(node)): `\(path)` is not in the archive")
            }
            if let text = cache[entry] { return text }
            guard let text = SourceTextResolver.decode(try zip.read(entry)) else {
                throw .notUTF8("\(file): `\(entry)` is not UTF-8 text")
            }
            cache[entry] = text
            return text
        }
        return try decoder.decode(progress: progress)
    }
}
