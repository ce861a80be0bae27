import Foundation
import Interop
import Store

/// What `accord codebook import` did.
public struct CodebookImportSummary: Sendable {
    public var tree: CodeTreeImport
    /// What the reader read, skipped and tolerated.
    public var read: ImportSummary
}

extension Replica {
    /// Brings a REFI-QDA codebook (`.qdc`) into the code tree as one signed
    /// batch (leads only): nesting, colour and description, each code keeping
    /// its GUID (`code.defined`'s `guid`), so exports name it as the tool that
    /// made it does. Codes already there (same GUID, else same path) are
    /// reused, not defined twice. A file that cannot be read changes nothing.
    public func importCodebook(from url: URL, by key: SigningKey, progress: InteropProgress? = nil) throws(AccordError) -> CodebookImportSummary {
        let file: REFICodebookImport
        do { file = try QDCReader.read(url, progress: progress) } catch { throw AccordError(error.code, error.message) }
        guard !file.codebook.codes.isEmpty else {
            throw AccordError("empty_codebook", "\(url.lastPathComponent) holds no codes; nothing imported")
        }
        let tree = try store.append(staged: { staged in
            let catalog = try staged.view.catalog()
            try Roles.require(.lead, catalog, key, to: "import a codebook")
            return try Replica.defineCodeTree(file.codebook.codes, by: key, in: staged, catalog: catalog)
        })
        return CodebookImportSummary(tree: tree, read: file.summary)
    }
}
