import Foundation

/// Turns a parsed `project.qde` into a `REFIProject`: reads every part the
/// model has, maps selection positions onto normalised text, and records in
/// the summary what it skipped or adjusted.
struct ProjectDecoder {
    private var reading: TreeReading
    private let root: XMLTree
    private let options: REFIReadOptions
    /// Loads the raw text a `plainTextPath` names (the `.qdpx`'s entry).
    private let loadText: (_ node: XMLTree, _ path: String) throws(InteropError) -> String
    /// Whether `project.qde` itself has CRLF line ends, so inline text (whose
    /// line ends XML turns into LF) was CRLF text when its positions were counted.
    private let inlineTextHadCRLF: Bool

    private struct RawSelection {
        var node: XMLTree
        var guid: REFIGUID
        var start: Int
        var end: Int
        /// A coding given on the source itself rather than on a selection.
        var wholeSource = false
        var creatingUser: REFIGUID?
        var creationDateTime: Date?
        var codings: [REFICoding]
    }

    private struct RawSource {
        var node: XMLTree
        var guid: REFIGUID
        var name: String
        var raw: String
        var description: String?
        var creatingUser: REFIGUID?
        var creationDateTime: Date?
        var selections: [RawSelection]
    }

    /// Which note annotates what, as found (resolved once everything is read).
    private var annotations: [(note: REFIGUID, target: REFINoteTarget)] = []
    private var codeGUIDs: Set<REFIGUID> = []
    private var userGUIDs: [REFIGUID] = []

    init(
        root: XMLTree, file: String, options: REFIReadOptions, inlineTextHadCRLF: Bool,
        loadText: @escaping (_ node: XMLTree, _ path: String) throws(InteropError) -> String
    ) throws(InteropError) {
        reading = try TreeReading(file: file, root: root, options: options)
        guard root.name == "Project" else {
            throw .notREFI("\(file): the root is `\(root.name)`, not `Project`; a codebook is read as .qdc")
        }
        self.root = root
        self.options = options
        self.inlineTextHadCRLF = inlineTextHadCRLF
        self.loadText = loadText
    }

    mutating func decode(progress: InteropProgress?) throws(InteropError) -> REFIImport {
        let sourceNodes = reading.child(root, "Sources").map { $0.children.filter { $0.namespace == reading.namespace } } ?? []
        var reporter = ProgressReporter(progress, total: sourceNodes.count + 2)

        let name = try reading.requiredName(root)
        let origin = root.attributes["origin"]
        reading.summary.origin = origin
        var users: [REFIUser] = []
        if let usersNode = reading.child(root, "Users") {
            var seen: Set<REFIGUID> = []
            for node in reading.children(usersNode, "User") {
                let guid = try reading.requiredGUID(node, "guid")
                guard seen.insert(guid).inserted else { throw .duplicateGUID("\(reading.file): \(TreeReading.location(node)): user \(guid) is listed twice") }
                users.append(REFIUser(guid: guid, name: reading.optionalName(node)))
            }
        }
        userGUIDs = users.map(\.guid)

        var codes: [REFICode] = []
        if let book = reading.child(root, "CodeBook"), let list = reading.child(book, "Codes") {
            for node in reading.children(list, "Code") { codes.append(try decodeCode(node)) }
        }
        reporter.advance()

        var rawSources: [RawSource] = []
        var sourceGUIDs: Set<REFIGUID> = []
        var selectionGUIDs: Set<REFIGUID> = []
        var codingGUIDs: Set<REFIGUID> = []
        for node in sourceNodes {
            defer { reporter.advance() }
            guard node.name == "TextSource" else {
                if ["PictureSource", "PDFSource", "AudioSource", "VideoSource"].contains(node.name) { reading.notImported(node) }
                continue
            }
            let source = try decodeTextSource(node)
            guard sourceGUIDs.insert(source.guid).inserted else {
                throw .duplicateGUID("\(reading.file): \(TreeReading.location(node)): source \(source.guid) appears twice")
            }
            for selection in source.selections {
                guard selectionGUIDs.insert(selection.guid).inserted else {
                    throw .duplicateGUID("\(reading.file): \(TreeReading.location(selection.node)): selection \(selection.guid) appears twice")
                }
                for coding in selection.codings where !codingGUIDs.insert(coding.guid).inserted {
                    throw .duplicateGUID("\(reading.file): \(TreeReading.location(selection.node)): coding \(coding.guid) appears twice")
                }
            }
            rawSources.append(source)
        }

        let choice = PositionConventionChooser.choose(
            origin: origin,
            texts: rawSources.map {
                .init(raw: $0.raw, selections: $0.selections.filter { !$0.wholeSource }.map { ($0.start, $0.end) })
            },
            explicit: options.positionConvention)
        reading.summary.positionConvention = choice.convention
        reading.summary.positionConventionReason = choice.reason

        var sources: [REFITextSource] = []
        var skippedSelections: [REFIGUID: REFIGUID] = [:]  // selection → its source
        for raw in rawSources {
            sources.append(try mapSource(raw, choice.convention, skipped: &skippedSelections))
        }
        dedupeNames(&sources)

        var notes: [REFINote] = []
        var noteGUIDs: Set<REFIGUID> = []
        if let list = reading.child(root, "Notes") {
            for node in reading.children(list, "Note") {
                let note = try decodeNote(node)
                guard noteGUIDs.insert(note.guid).inserted else {
                    throw .duplicateGUID("\(reading.file): \(TreeReading.location(node)): note \(note.guid) appears twice")
                }
                notes.append(note)
            }
        }
        for node in reading.children(root, "NoteRef") {
            if let target = reading.optionalGUID(node, "targetGUID") { annotations.append((target, .project)) }
        }
        let kinds = GUIDKinds(codes: codeGUIDs, sources: sourceGUIDs,
                              selections: Set(sources.flatMap { $0.selections.map(\.guid) }),
                              codings: Set(sources.flatMap { $0.selections.flatMap { $0.codings.map(\.guid) } }),
                              skippedSelections: skippedSelections)
        if let links = reading.child(root, "Links") { readLinks(links, notes: noteGUIDs, kinds: kinds) }
        attach(&notes, kinds: kinds)

        var sets: [REFISet] = []
        if let list = reading.child(root, "Sets") {
            for node in reading.children(list, "Set") { sets.append(try decodeSet(node)) }
        }
        for name in ["Variables", "Cases", "Graphs"] {
            for holder in reading.children(root, name) {
                for node in holder.children where node.namespace == reading.namespace { reading.notImported(node) }
            }
        }

        var project = REFIProject(
            name: name, origin: origin, creatingUser: reading.optionalGUID(root, "creatingUserGUID"),
            creationDateTime: reading.optionalDate(root, "creationDateTime"), users: users,
            codebook: REFICodebook(codes: codes, origin: origin), sources: sources, notes: notes, sets: sets,
            description: reading.description(root))
        addReferencedUsers(&project)

        var summary = reading.summary
        summary.users = project.users.count
        summary.codes = project.codebook.allCodes.count
        summary.sources = sources.count
        summary.selections = sources.reduce(0) { $0 + $1.selections.count }
        summary.codings = sources.reduce(0) { $0 + $1.selections.reduce(0) { $0 + $1.codings.count } }
        summary.notes = notes.count
        summary.sets = sets.count
        reporter.finish()
        return REFIImport(project: project, summary: summary)
    }

    // MARK: Codebook

    private mutating func decodeCode(_ node: XMLTree) throws(InteropError) -> REFICode {
        let guid = try reading.requiredGUID(node, "guid")
        guard codeGUIDs.insert(guid).inserted else {
            throw .duplicateGUID("\(reading.file): \(TreeReading.location(node)): code \(guid) appears twice in the codebook")
        }
        for ref in reading.children(node, "NoteRef") {
            if let note = reading.optionalGUID(ref, "targetGUID") { annotations.append((note, .code(guid))) }
        }
        var children: [REFICode] = []
        for child in reading.children(node, "Code") { children.append(try decodeCode(child)) }
        return REFICode(
            guid: guid, name: try reading.requiredName(node), isCodable: reading.isCodable(node),
            color: reading.color(node), description: reading.description(node), children: children)
    }

    // MARK: Sources

    private mutating func decodeTextSource(_ node: XMLTree) throws(InteropError) -> RawSource {
        let guid = try reading.requiredGUID(node, "guid")
        let raw = try text(of: node, kind: "source")
        let path = node.attributes["plainTextPath"]
        let fallbackName = path.flatMap { $0.replacingOccurrences(of: "\\", with: "/").split(separator: "/").last }
            .map { String($0).replacingOccurrences(of: ".txt", with: "", options: [.caseInsensitive, .anchored, .backwards]) }
        let name = reading.optionalName(node) ?? fallbackName ?? "Source \(guid.value.prefix(8))"
        let creatingUser = reading.optionalGUID(node, "creatingUser")
        let created = reading.optionalDate(node, "creationDateTime")
        for ref in reading.children(node, "NoteRef") {
            if let note = reading.optionalGUID(ref, "targetGUID") { annotations.append((note, .source(guid))) }
        }
        var selections: [RawSelection] = []
        for child in reading.children(node, "PlainTextSelection") {
            selections.append(try decodeSelection(child))
        }
        // A coding directly on the source codes all of it: a selection of the whole text,
        // with the coding's GUID.
        for child in reading.children(node, "Coding") {
            let coding = try decodeCoding(child, selectionUser: creatingUser, selectionTime: created)
            selections.append(RawSelection(node: child, guid: coding.guid, start: 0, end: 0, wholeSource: true,
                                           creatingUser: coding.creatingUser, creationDateTime: coding.creationDateTime,
                                           codings: [coding]))
        }
        for child in reading.children(node, "VariableValue") { reading.notImported(child) }
        return RawSource(node: node, guid: guid, name: name, raw: raw, description: reading.description(node),
                         creatingUser: creatingUser, creationDateTime: created, selections: selections)
    }

    /// The raw text of a source or note: from its file, else inline (`PlainTextContent`).
    private func text(of node: XMLTree, kind: String) throws(InteropError) -> String {
        if let path = node.attributes["plainTextPath"] {
            return try loadText(node, path)
        }
        if let inline = reading.child(node, "PlainTextContent") {
            // XML turns CRLF into LF; a text that kept `&#13;` says itself where its CRs were.
            let restore = inlineTextHadCRLF && !inline.text.unicodeScalars.contains("\r")
            return restore ? inline.text.replacingOccurrences(of: "\n", with: "\r\n") : inline.text
        }
        if kind == "note" { return "" }
        throw InteropError.missingSource("\(reading.file): \(TreeReading.location(node)): the \(kind) has neither `plainTextPath` nor `PlainTextContent`")
    }

    private mutating func decodeSelection(_ node: XMLTree) throws(InteropError) -> RawSelection {
        let guid = try reading.requiredGUID(node, "guid")
        let start = try reading.requiredPosition(node, "startPosition")
        let end = try reading.requiredPosition(node, "endPosition")
        guard start <= end else {
            throw .selectionOutOfRange("\(reading.file): \(TreeReading.location(node)): startPosition \(start) is after endPosition \(end)")
        }
        let user = reading.optionalGUID(node, "creatingUser")
        let time = reading.optionalDate(node, "creationDateTime")
        for ref in reading.children(node, "NoteRef") {
            if let note = reading.optionalGUID(ref, "targetGUID") { annotations.append((note, .selection(guid))) }
        }
        var codings: [REFICoding] = []
        for child in reading.children(node, "Coding") {
            codings.append(try decodeCoding(child, selectionUser: user, selectionTime: time))
        }
        return RawSelection(node: node, guid: guid, start: start, end: end, wholeSource: false, creatingUser: user,
                            creationDateTime: time, codings: codings)
    }

    private mutating func decodeCoding(_ node: XMLTree, selectionUser: REFIGUID?, selectionTime: Date?) throws(InteropError) -> REFICoding {
        let guid = try reading.requiredGUID(node, "guid")
        guard let ref = reading.child(node, "CodeRef") else {
            throw reading.fail(node, "a coding needs a `CodeRef` naming its code")
        }
        let code = try reading.requiredGUID(ref, "targetGUID")
        guard codeGUIDs.contains(code) else {
            throw .unknownCode("\(reading.file): \(TreeReading.location(ref)): code \(code.original) is not in the codebook")
        }
        for noteRef in reading.children(node, "NoteRef") {
            if let note = reading.optionalGUID(noteRef, "targetGUID") { annotations.append((note, .coding(guid))) }
        }
        return REFICoding(guid: guid, codeGUID: code,
                          creatingUser: reading.optionalGUID(node, "creatingUser") ?? selectionUser,
                          creationDateTime: reading.optionalDate(node, "creationDateTime") ?? selectionTime)
    }

    /// Maps the source's selections onto its normalised text; skips those without codings or length.
    private mutating func mapSource(
        _ raw: RawSource, _ convention: PositionConvention, skipped: inout [REFIGUID: REFIGUID]
    ) throws(InteropError) -> REFITextSource {
        let map = PositionMap(raw: raw.raw, convention: convention)
        var selections: [REFISelection] = []
        for s in raw.selections {
            if s.wholeSource {
                if map.length == 0 { reading.summary.emptySelections += 1; continue }
                selections.append(REFISelection(guid: s.guid, start: 0, end: map.length, creatingUser: s.creatingUser,
                                                creationDateTime: s.creationDateTime, codings: s.codings))
                continue
            }
            guard let start = map.start(s.start), let end = map.end(s.end) else {
                let which = map.contains(s.start) ? "endPosition \(s.end)" : "startPosition \(s.start)"
                throw .selectionOutOfRange("\(reading.file): \(TreeReading.location(s.node)): \(which) is past the end of "
                                           + "source `\(raw.name)` (\(map.rawLength) characters counting \(convention))")
            }
            if s.codings.isEmpty {
                reading.summary.selectionsWithoutCoding += 1
                skipped[s.guid] = raw.guid
                continue
            }
            if s.start == s.end {
                reading.summary.emptySelections += 1
                skipped[s.guid] = raw.guid
                continue
            }
            if map.start(s.start) != map.end(s.start) || map.start(s.end) != map.end(s.end) {
                reading.summary.roundedSelections += 1
            }
            selections.append(REFISelection(guid: s.guid, start: start, end: end, creatingUser: s.creatingUser,
                                            creationDateTime: s.creationDateTime, codings: s.codings))
        }
        return REFITextSource(guid: raw.guid, name: raw.name, text: map.text, description: raw.description,
                              creatingUser: raw.creatingUser, creationDateTime: raw.creationDateTime,
                              selections: selections)
    }

    /// Later sources whose name repeats an earlier one's get " (2)", " (3)", … in file order.
    private mutating func dedupeNames(_ sources: inout [REFITextSource]) {
        var taken = Set(sources.map(\.name))
        var seen: Set<String> = []
        for i in sources.indices {
            let name = sources[i].name
            if seen.insert(name).inserted { continue }
            var n = 2
            while taken.contains("\(name) (\(n))") { n += 1 }
            let unique = "\(name) (\(n))"
            taken.insert(unique)
            seen.insert(unique)
            sources[i].originalName = name
            sources[i].name = unique
            reading.summary.renamedSources += 1
        }
    }

    // MARK: Notes, links, sets

    private mutating func decodeNote(_ node: XMLTree) throws(InteropError) -> REFINote {
        let guid = try reading.requiredGUID(node, "guid")
        let raw = try text(of: node, kind: "note")
        return REFINote(guid: guid, name: reading.optionalName(node), text: NormalisedText.normalise(raw),
                        creatingUser: reading.optionalGUID(node, "creatingUser"),
                        creationDateTime: reading.optionalDate(node, "creationDateTime"))
    }

    private struct GUIDKinds {
        var codes: Set<REFIGUID>
        var sources: Set<REFIGUID>
        var selections: Set<REFIGUID>
        var codings: Set<REFIGUID>
        /// Selections that were skipped, with their source: a note on one annotates the source.
        var skippedSelections: [REFIGUID: REFIGUID]

        func target(_ guid: REFIGUID) -> REFINoteTarget? {
            if codes.contains(guid) { return .code(guid) }
            if sources.contains(guid) { return .source(guid) }
            if selections.contains(guid) { return .selection(guid) }
            if codings.contains(guid) { return .coding(guid) }
            if let source = skippedSelections[guid] { return .source(source) }
            return nil
        }

        func resolve(_ target: REFINoteTarget) -> REFINoteTarget? {
            switch target {
            case .project: return .project
            case .code(let g), .source(let g), .selection(let g), .coding(let g): return self.target(g)
            }
        }
    }

    /// NVivo's annotations: a `Link` between a note and what it annotates, either way round.
    private mutating func readLinks(_ links: XMLTree, notes: Set<REFIGUID>, kinds: GUIDKinds) {
        for link in reading.children(links, "Link") {
            let origin = reading.optionalGUID(link, "originGUID")
            let target = reading.optionalGUID(link, "targetGUID")
            if let origin, notes.contains(origin) {
                if let other = target.flatMap(kinds.target) { annotations.append((origin, other)) } else { reading.summary.unresolvedNoteTargets += 1 }
            } else if let target, notes.contains(target) {
                if let other = origin.flatMap(kinds.target) { annotations.append((target, other)) } else { reading.summary.unresolvedNoteTargets += 1 }
            } else {
                reading.notImported(link)
            }
        }
    }

    private mutating func attach(_ notes: inout [REFINote], kinds: GUIDKinds) {
        let index = Dictionary(uniqueKeysWithValues: notes.enumerated().map { ($1.guid, $0) })
        for (note, target) in annotations {
            guard let i = index[note], let resolved = kinds.resolve(target) else {
                reading.summary.unresolvedNoteTargets += 1
                continue
            }
            if !notes[i].targets.contains(resolved) { notes[i].targets.append(resolved) }
        }
    }

    private func decodeSet(_ node: XMLTree) throws(InteropError) -> REFISet {
        func members(_ name: String) throws(InteropError) -> [REFIGUID] {
            var out: [REFIGUID] = []
            for member in reading.children(node, name) { out.append(try reading.requiredGUID(member, "targetGUID")) }
            return out
        }
        return REFISet(guid: try reading.requiredGUID(node, "guid"), name: try reading.requiredName(node),
                       description: reading.description(node), memberCodes: try members("MemberCode"),
                       memberSources: try members("MemberSource"), memberNotes: try members("MemberNote"))
    }

    /// Every user a source, selection, coding or note names is in `users` (added without a name if need be).
    private mutating func addReferencedUsers(_ project: inout REFIProject) {
        var known = Set(project.users.map(\.guid))
        var referenced: [REFIGUID] = []
        referenced += project.creatingUser.map { [$0] } ?? []
        for source in project.sources {
            referenced += source.creatingUser.map { [$0] } ?? []
            for selection in source.selections {
                referenced += selection.creatingUser.map { [$0] } ?? []
                referenced += selection.codings.compactMap(\.creatingUser)
            }
        }
        referenced += project.notes.compactMap(\.creatingUser)
        for guid in referenced where known.insert(guid).inserted {
            project.users.append(REFIUser(guid: guid, name: nil))
            reading.summary.usersAddedFromReferences += 1
        }
    }
}

/// A project read from a `.qdpx`: texts normalised, positions mapped, and what the import did.
public struct REFIImport: Sendable, Equatable {
    public var project: REFIProject
    public var summary: ImportSummary
}
