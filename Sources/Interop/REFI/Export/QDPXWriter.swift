import Foundation
import ZIPFoundation

/// Writes a REFI-QDA project (`.qdpx`), valid against `Project.xsd`.
///
/// The archive holds `project.qde` and, in a lowercase `sources/` folder
/// (ATLAS.ti rejects `Sources/`), one UTF-8 `.txt` per text source named by
/// its GUID, referenced as `plainTextPath="internal://GUID.txt"`. Texts are
/// written as given (normalised: LF, NFC), so positions are Unicode scalar
/// offsets that no reader can count two ways. Notes carry their text inline.
/// Entries are deflated and stamped 1980-01-01 00:00 (the zip epoch), so the
/// same project always gives the same bytes.
public enum QDPXWriter {
    /// The `project.qde` XML for `project`.
    public static func projectXML(_ project: REFIProject) throws(InteropError) -> Data {
        try REFIXML.encode(try xproject(project), root: "Project")
    }

    /// Writes the `.qdpx` to `url`, replacing what is there. Progress counts
    /// `project.qde` and then each source file.
    public static func write(_ project: REFIProject, to url: URL, progress: InteropProgress? = nil) throws(InteropError) {
        var reporter = ProgressReporter(progress, total: project.sources.count + 1)
        let qde = try projectXML(project)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            try add(archive, "project.qde", qde)
            reporter.advance()
            for source in project.sources {
                try add(archive, "sources/" + fileName(source), Data(source.text.utf8))
                reporter.advance()
            }
        } catch let error as InteropError {
            throw error
        } catch {
            throw .io("cannot write \(url.path): \(error.localizedDescription)")
        }
        // rename(2) replaces the target in one step: a reader never sees half a file.
        guard rename(temporary.path, url.path) == 0 else {
            throw .io("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        reporter.finish()
    }

    /// The zip epoch in local time: ZIP stores local date and time, so this is
    /// what makes the stamp — and the bytes — the same in every time zone.
    private static let stamp: Date = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        return calendar.date(from: DateComponents(year: 1980, month: 1, day: 1, hour: 0, minute: 0, second: 0))!
    }()

    private static func add(_ archive: Archive, _ path: String, _ data: Data) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }
    }

    static func fileName(_ source: REFITextSource) -> String { source.guid.value + ".txt" }

    static func xproject(_ project: REFIProject) throws(InteropError) -> XProject {
        // Where each note's NoteRef goes.
        var onCode: [REFIGUID: [XRef]] = [:], onSource: [REFIGUID: [XRef]] = [:]
        var onSelection: [REFIGUID: [XRef]] = [:], onCoding: [REFIGUID: [XRef]] = [:]
        var onProject: [XRef] = []
        for note in project.notes {
            let ref = XRef(targetGUID: note.guid.original)
            for target in note.targets {
                switch target {
                case .project: onProject.append(ref)
                case .code(let g): onCode[g, default: []].append(ref)
                case .source(let g): onSource[g, default: []].append(ref)
                case .selection(let g): onSelection[g, default: []].append(ref)
                case .coding(let g): onCoding[g, default: []].append(ref)
                }
            }
        }
        let codeGUIDs = Set(project.codebook.allCodes.map(\.guid))
        let date = { (d: Date?) in d.map(REFIDateTime.format) }
        var sources: [XTextSource] = []
        for source in project.sources {
            let length = source.text.unicodeScalars.count
            var selections: [XSelection] = []
            for s in source.selections {
                guard s.start >= 0, s.start <= s.end, s.end <= length else {
                    throw .badInput("selection \(s.guid) spans [\(s.start), \(s.end)), outside `\(source.name)` (\(length) characters)")
                }
                var codings: [XCoding] = []
                for c in s.codings {
                    guard codeGUIDs.contains(c.codeGUID) else {
                        throw .badInput("coding \(c.guid) applies code \(c.codeGUID), which is not in the codebook")
                    }
                    codings.append(XCoding(guid: c.guid.original, creatingUser: c.creatingUser?.original,
                                           creationDateTime: date(c.creationDateTime),
                                           codeRef: XRef(targetGUID: c.codeGUID.original), noteRefs: onCoding[c.guid] ?? []))
                }
                selections.append(XSelection(guid: s.guid.original, startPosition: s.start, endPosition: s.end,
                                             creatingUser: s.creatingUser?.original, creationDateTime: date(s.creationDateTime),
                                             codings: codings, noteRefs: onSelection[s.guid] ?? []))
            }
            sources.append(XTextSource(
                guid: source.guid.original, name: REFIXML.clean(source.name),
                plainTextPath: "internal://" + fileName(source), creatingUser: source.creatingUser?.original,
                creationDateTime: date(source.creationDateTime), description: REFIXML.clean(source.description),
                plainTextContent: nil, selections: selections, noteRefs: onSource[source.guid] ?? []))
        }
        let notes = project.notes.map { note in
            XTextSource(guid: note.guid.original, name: REFIXML.clean(note.name), plainTextPath: nil,
                        creatingUser: note.creatingUser?.original, creationDateTime: date(note.creationDateTime),
                        description: nil, plainTextContent: REFIXML.clean(note.text), selections: [], noteRefs: [])
        }
        let sets = project.sets.map { set in
            XSet(guid: set.guid.original, name: REFIXML.clean(set.name), description: REFIXML.clean(set.description),
                 memberCodes: set.memberCodes.map { XRef(targetGUID: $0.original) },
                 memberSources: set.memberSources.map { XRef(targetGUID: $0.original) },
                 memberNotes: set.memberNotes.map { XRef(targetGUID: $0.original) })
        }
        let codes = project.codebook.codes.map { QDCWriter.xcode($0, notes: onCode) }
        return XProject(
            name: REFIXML.clean(project.name), origin: REFIXML.clean(project.origin),
            creatingUserGUID: project.creatingUser?.original, creationDateTime: date(project.creationDateTime),
            users: project.users.isEmpty ? nil : XUsers(users: project.users.map { XUser(guid: $0.guid.original, name: REFIXML.clean($0.name)) }),
            codeBook: codes.isEmpty ? nil : XProjectCodeBook(codes: XCodes(codes: codes)),
            sources: sources.isEmpty ? nil : XSources(sources: sources),
            notes: notes.isEmpty ? nil : XNotes(notes: notes),
            sets: sets.isEmpty ? nil : XSets(sets: sets),
            description: REFIXML.clean(project.description), noteRefs: onProject)
    }
}
