import Foundation
import Interop
import Store

/// How a REFI-QDA code tree came into the codebook.
public struct CodeTreeImport: Sendable {
    /// REFI GUID → the accord code that stands for it now.
    public var codes: [REFIGUID: String] = [:]
    /// Codes defined by this import.
    public var defined = 0
    /// Codes already in the codebook (same GUID, else same path): not defined again.
    public var matched = 0
    /// Codes whose name had a `/` (accord's path separator) or surrounding
    /// white space, or repeated a sibling's: the name was adjusted.
    public var renamed = 0
}

extension Replica {
    /// Defines the codes of a REFI-QDA tree that the codebook lacks, as
    /// `key`, one stage per level of nesting, so that each child's `parent`
    /// is its parent's `code.defined` id (known once that stage is appended).
    /// A code already there, by GUID first and then by path, is reused,
    /// so importing the same codebook twice defines nothing the second time.
    static func defineCodeTree(_ roots: [REFICode], by key: SigningKey, in staged: StagedAppend,
                               catalog: Catalog) throws -> CodeTreeImport {
        var result = CodeTreeImport()
        let live = catalog.codes.filter(\.isLive)
        let byGUID = Dictionary(live.compactMap { c in c.guid.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        let byPath = Dictionary(live.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var taken = Set(live.map(\.path))
        var level: [(code: REFICode, parentID: String?, parentPath: String?)] = roots.map { ($0, nil, nil) }
        while !level.isEmpty {
            var actions: [Action] = []
            var defining: [Int] = []
            var paths: [String] = []
            for (i, item) in level.enumerated() {
                let code = item.code
                let name = try codeName(code)
                if name != code.name { result.renamed += 1 }
                let path = (item.parentPath.map { $0 + "/" } ?? "") + name
                if let existing = byGUID[code.guid.value.lowercased()] ?? byPath[path] {
                    result.codes[code.guid] = existing.id
                    result.matched += 1
                    paths.append(existing.path)
                    continue
                }
                var unique = name, n = 1
                while taken.contains((item.parentPath.map { $0 + "/" } ?? "") + unique) {
                    n += 1
                    unique = "\(name) (\(n))"
                }
                if unique != name, name == code.name { result.renamed += 1 }
                let finalPath = (item.parentPath.map { $0 + "/" } ?? "") + unique
                taken.insert(finalPath)
                paths.append(finalPath)
                defining.append(i)
                actions.append(Action(.codeDefined(CodeDefined(
                    name: unique, parent: item.parentID.flatMap { EventID(hex: $0) }, description: code.description ?? "",
                    color: code.color.flatMap(Color.normalise), exclusive: false, guid: code.guid.value.lowercased(),
                    codable: code.isCodable))))
            }
            for (event, i) in zip(try staged.append(actions, by: key), defining) {
                result.codes[level[i].code.guid] = event.id
            }
            result.defined += actions.count
            var next: [(code: REFICode, parentID: String?, parentPath: String?)] = []
            for (i, item) in level.enumerated() {
                let id = result.codes[item.code.guid]
                next += item.code.children.map { ($0, id, paths[i]) }
            }
            level = next
        }
        return result
    }

    /// A REFI code's name as an accord code name: `/` separates a path in
    /// accord, so it becomes `∕` (U+2215, which reads the same); white space
    /// around the name goes. An empty name is refused.
    static func codeName(_ code: REFICode) throws(AccordError) -> String {
        let name = code.name.replacingOccurrences(of: "/", with: "\u{2215}").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw AccordError("bad_code_name", "code \(code.guid) has an empty name; name it in the QDA tool first") }
        return name
    }
}
