import Foundation

/// Writes a REFI-QDA codebook (`.qdc`), valid against `Codebook.xsd`.
/// The same codebook always gives the same bytes.
public enum QDCWriter {
    /// The `.qdc` XML for `codebook` (its `origin`, codes and sets).
    public static func xml(_ codebook: REFICodebook) throws(InteropError) -> Data {
        guard !codebook.codes.isEmpty else { throw .badInput("a codebook needs at least one code (the schema requires one)") }
        let sets = codebook.sets.map { set in
            XCodebookSet(guid: set.guid.original, name: REFIXML.clean(set.name), description: REFIXML.clean(set.description),
                         memberCodes: set.memberCodes.map { XMemberCode(guid: $0.original) })
        }
        let root = XCodeBook(origin: REFIXML.clean(codebook.origin), codes: XCodes(codes: codebook.codes.map { xcode($0, notes: [:]) }),
                             sets: sets.isEmpty ? nil : XCodebookSets(sets: sets))
        return try REFIXML.encode(root, root: "CodeBook")
    }

    public static func write(_ codebook: REFICodebook, to url: URL, progress: InteropProgress? = nil) throws(InteropError) {
        var reporter = ProgressReporter(progress, total: 1)
        let data = try xml(codebook)
        do { try data.write(to: url, options: .atomic) } catch {
            throw .io("cannot write \(url.path): \(error.localizedDescription)")
        }
        reporter.finish()
    }

    static func xcode(_ code: REFICode, notes: [REFIGUID: [XRef]]) -> XCode {
        XCode(guid: code.guid.original, name: REFIXML.clean(code.name), isCodable: code.isCodable, color: code.color,
              description: REFIXML.clean(code.description), noteRefs: notes[code.guid] ?? [],
              children: code.children.map { xcode($0, notes: notes) })
    }
}
