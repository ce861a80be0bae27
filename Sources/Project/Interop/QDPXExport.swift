import Foundation
import Interop
import Store

/// What `accord export qdpx` wrote.
public struct QDPXExportSummary: Sendable {
    public var users = 0
    public var codes = 0
    public var documents = 0
    public var codings = 0
    public var notes = 0
    /// Sets of the sources each coder marked done.
    public var doneSets = 0
    /// Codings left out because their code or document is retired (REFI-QDA has no retired things).
    public var skippedCodings = 0
    /// Memos left out because what they are about is not exported.
    public var skippedMemos = 0
}

extension Replica {
    /// The prefix of the `Set` that lists the sources a coder marked done:
    /// REFI-QDA has no done marks, and a named set of sources is the standard
    /// element a QDA tool shows and keeps, so the marks survive a trip out
    /// and back (`importQDPX` reads them).
    public static let doneSetPrefix = "done by "

    /// The project as a REFI-QDA model: a user per member who coded or wrote
    /// a memo, the live code tree, the live documents with their text, one
    /// selection per coding that `reader` may see (blind coding applies), the
    /// memos as notes, and a set per coder of the sources they marked done.
    /// GUIDs are those things came in with from REFI-QDA, else derived from
    /// accord's ids, so the same project exports with the same GUIDs.
    public func refiProject(reader: SigningKey?, at moment: Moment = .now) throws(AccordError) -> (REFIProject, QDPXExportSummary) {
        var codingsQuery = CodingsQuery()
        codingsQuery.moment = moment
        let listing = try codings(codingsQuery, reader: reader)
        var memosQuery = MemosQuery()
        memosQuery.moment = moment
        let memoListing = try memos(memosQuery, reader: reader)
        let catalog = listing.catalog
        let (texts, progress) = try store.read(at: moment) { view in
            var texts: [String: String] = [:]
            for document in catalog.documents where !document.retired { texts[document.id] = try view.documentText(document.id) ?? "" }
            return (texts, try view.progress())
        }
        var summary = QDPXExportSummary()
        var input = REFIExportInput(projectName: catalog.projectName)

        let codes = catalog.codes.filter(\.isLive)
        let codeIDs = Set(codes.map(\.id))
        input.codes = codes.map { code in
            REFIExportInput.Code(id: code.id, name: code.name, parentID: code.parent, color: code.color,
                                 description: code.description.isEmpty ? nil : code.description, isCodable: code.codable,
                                 guid: Replica.keptGUID(code))
        }
        let documents = catalog.documents.filter { !$0.retired }
        input.documents = documents.map { document in
            REFIExportInput.Document(id: document.id, title: document.title, text: texts[document.id] ?? "",
                                     addedAt: Date(timeIntervalSince1970: Double(document.time) / 1_000_000),
                                     guid: Replica.keptGUID(document))
        }
        let documentIDs = Set(documents.map(\.id))

        var userIDs: [String] = []
        var userNames: [String: String] = [:]
        func user(_ id: String, _ name: String) -> String {
            if userNames[id] == nil { userIDs.append(id); userNames[id] = name }
            return id
        }
        var exportedCodings = Set<String>()
        for coding in listing.codings {
            guard codeIDs.contains(coding.code), documentIDs.contains(coding.document) else { summary.skippedCodings += 1; continue }
            let coder = user(coding.member ?? coding.author, catalog.coderName(coding))
            input.codings.append(REFIExportInput.Coding(
                id: coding.id, coderID: coder, documentID: coding.document, codeID: coding.code, start: coding.start, end: coding.end,
                time: Date(timeIntervalSince1970: Double(coding.time) / 1_000_000)))
            exportedCodings.insert(coding.id)
        }
        for entry in memoListing.memos {
            let memo = entry.memo
            let code = memo.code.map(catalog.effectiveCode)
            guard memo.coding.map(exportedCodings.contains) ?? true, code.map(codeIDs.contains) ?? true,
                  memo.document.map(documentIDs.contains) ?? true else { summary.skippedMemos += 1; continue }
            let author = user(catalog.member(forKey: memo.author)?.id ?? memo.author, catalog.name(ofKey: memo.author))
            input.memos.append(REFIExportInput.Memo(
                id: memo.id, authorID: author, time: Date(timeIntervalSince1970: Double(memo.time) / 1_000_000), text: memo.text,
                documentID: memo.document, codeID: code, codingID: memo.coding))
        }
        // Users in the order the members joined, which import keeps: the
        // imported project then lists its coders (and compares them) in the
        // same order as this one.
        let joined = Dictionary(catalog.members.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        userIDs.sort { (joined[$0] ?? Int.max, $0) < (joined[$1] ?? Int.max, $1) }
        input.members = userIDs.map { REFIExportInput.Member(id: $0, name: userNames[$0] ?? $0) }

        var project: REFIProject
        do { project = try REFIProjectBuilder.build(input) } catch { throw AccordError(error.code, error.message) }
        let sourceGUID = Dictionary(zip(documents.map(\.id), project.sources.map(\.guid)), uniquingKeysWith: { a, _ in a })
        for id in userIDs {
            guard let member = catalog.members.first(where: { $0.id == id }) else { continue }
            let done = documents.filter { progress.isDone($0.id, by: id) }.compactMap { sourceGUID[$0.id] }
            guard !done.isEmpty else { continue }
            do {
                project.sets.append(REFISet(guid: try REFIGUID.derivedCompanion(fromAccordID: member.id),
                                            name: Replica.doneSetPrefix + member.name,
                                            description: "The sources \(member.name) marked done in accord.", memberSources: done))
            } catch { throw AccordError(error.code, error.message) }
        }
        (summary.users, summary.codes, summary.documents) = (project.users.count, project.codebook.allCodes.count, project.sources.count)
        (summary.codings, summary.notes, summary.doneSets) = (input.codings.count, project.notes.count, project.sets.count)
        return (project, summary)
    }

    /// Writes the project as a REFI-QDA `.qdpx` that QDA tools open.
    @discardableResult
    public func exportQDPX(to destination: URL, reader: SigningKey?, progress: InteropProgress? = nil) throws(AccordError) -> QDPXExportSummary {
        let (project, summary) = try refiProject(reader: reader)
        guard !project.sources.isEmpty || !project.codebook.codes.isEmpty else {
            throw AccordError("empty_project", "the project has no live documents or codes to export; add some first")
        }
        try ExportFile.check(destination)
        do { try QDPXWriter.write(project, to: destination, progress: progress) } catch { throw AccordError(error.code, error.message) }
        return summary
    }

    /// The GUID a code came in with from REFI-QDA, in the uppercase spelling
    /// MAXQDA, NVivo and ATLAS.ti write (the event keeps it lowercase).
    static func keptGUID(_ code: Catalog.Code) -> REFIGUID? {
        code.guid.flatMap { REFIGUID($0.uppercased()) }
    }

    /// The GUID a document came in with from REFI-QDA, kept in its meta as the file spelt it.
    static func keptGUID(_ document: Catalog.Document) -> REFIGUID? {
        document.meta[Replica.refiGUIDMetaKey].flatMap(REFIGUID.init)
    }

    /// The `meta` key that keeps an imported document's REFI-QDA GUID
    /// (`document.added` has no GUID field; meta is free-form).
    public static let refiGUIDMetaKey = "refi_guid"
}
