import Foundation
import Interop
import Store

extension Replica {
    /// The live code tree as a REFI-QDA codebook: nesting, colour,
    /// description and whether the code can be applied (`isCodable`), each
    /// with the GUID it was imported with, else the one derived from its id,
    /// so every export names a code alike.
    public func refiCodebook(at moment: Moment = .now) throws(AccordError) -> REFICodebook {
        let catalog = try store.read(at: moment) { view in try view.catalog() }
        let live = catalog.codes.filter(\.isLive)
        var children: [String?: [Catalog.Code]] = [:]
        for code in live { children[code.parent, default: []].append(code) }
        func tree(_ parent: String?) throws(InteropError) -> [REFICode] {
            var out: [REFICode] = []
            for code in (children[parent] ?? []).sorted(by: { $0.name < $1.name }) {
                let guid: REFIGUID
                if let kept = Replica.keptGUID(code) { guid = kept } else { guid = try REFIGUID.derived(fromAccordID: code.id) }
                out.append(REFICode(guid: guid, name: code.name, isCodable: code.codable,
                                    color: code.color, description: code.description.isEmpty ? nil : code.description,
                                    children: try tree(code.id)))
            }
            return out
        }
        do { return REFICodebook(codes: try tree(nil), origin: "accord") } catch { throw AccordError(error.code, error.message) }
    }

    /// Writes the live code tree to a REFI-QDA `.qdc` file; returns how many codes it holds.
    @discardableResult
    public func exportCodebook(to destination: URL) throws(AccordError) -> Int {
        let codebook = try refiCodebook()
        guard !codebook.codes.isEmpty else {
            throw AccordError("empty_codebook", "the project has no live codes to export; define some with `accord code add`")
        }
        let data: Data
        do { data = try QDCWriter.xml(codebook) } catch { throw AccordError(error.code, error.message) }
        try ExportFile.write(to: destination) { handle in try handle.write(contentsOf: data) }
        return codebook.allCodes.count
    }
}
