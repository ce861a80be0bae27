import Foundation

/// Turns a parsed `project.qde` into a `REFIProject`: reads every part the
/// model has, maps selection positions onto normalised text, and records in
/// the summary what it skipped or adjusted.
struct ProjectDecoder {
    var reading: TreeReading
    let root: XMLTree
    let options: REFIReadOptions
    /// Loads the raw text a `plainTextPath` names (the `.qdpx`'s entry).
    let loadText: (_ node: XMLTree, _ path: String) throws(InteropError) -> String
    /// Whether `project.qde` itself has CRLF line ends, so inline text (whose
    /// line ends XML turns into LF) was CRLF text when its positions were counted.
    let inlineTextHadCRLF: Bool

    struct RawSelection {
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

    struct RawSource {
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
    var annotations: [(note: REFIGUID, target: REFINoteTarget)] = []
    var codeGUIDs: Set<REFIGUID> = []

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
}
