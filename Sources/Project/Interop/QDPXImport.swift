import Foundation
import Interop
import Store

/// What `accord import qdpx` did.
public struct QDPXImportSummary: Sendable {
    /// A REFI user who coded, and the local key their codings are signed with.
    public struct Coder: Sendable {
        /// The member (and key) name.
        public var name: String
        /// True when the import made the key and added the member; false when
        /// a member of that name whose key this replica holds was there already.
        public var new: Bool
    }

    public var tree: CodeTreeImport
    public var coders: [Coder] = []
    public var documents = 0
    /// Sources already in the project (same GUID, else the same text): reused.
    public var matchedDocuments = 0
    public var codings = 0
    /// Codings the project already had (same coder, document, code and span).
    public var matchedCodings = 0
    /// Codings whose file names no user: signed by the importing lead.
    public var codingsWithoutUser = 0
    public var doneMarks = 0
    public var memos = 0
    /// What the reader read, skipped (selections with no coding, unknown elements, …) and adjusted.
    public var read: ImportSummary
}

extension Replica {
    /// Brings a REFI-QDA project (`.qdpx`) into this project as one signed
    /// batch (leads only): the code tree (GUIDs kept), each text source as a
    /// document (its GUID kept in `meta.refi_guid`), and the codings, each
    /// signed by a local key made for the REFI user who coded it, so that
    /// the codings stay attributed and agreement between those coders works.
    /// The importing lead holds those keys (they are saved to this replica's
    /// keyring only once the batch is in) and adds their owners as coders.
    /// A set named "done by NAME" (as `exportQDPX` writes) marks its sources
    /// done by that coder; notes become memos. Things already here (same
    /// GUID, text, path or coding) are reused, so importing twice adds
    /// nothing the second time. A file that cannot be read changes nothing.
    public func importQDPX(from url: URL, by key: SigningKey, progress: InteropProgress? = nil) throws(AccordError) -> QDPXImportSummary {
        let file: REFIImport
        do { file = try QDPXReader.read(url, progress: progress) } catch { throw AccordError(error.code, error.message) }
        let project = file.project
        guard !project.sources.isEmpty || !project.codebook.codes.isEmpty else {
            throw AccordError("empty_project", "\(url.lastPathComponent) holds no sources and no codes; nothing imported")
        }
        let userName = Dictionary(project.users.map { ($0.guid, $0.name) }, uniquingKeysWith: { a, _ in a })
        var coded = Set<REFIGUID>()
        for source in project.sources {
            for selection in source.selections {
                for coding in selection.codings { if let user = coding.creatingUser { coded.insert(user) } }
            }
        }
        // Coders are made in the file's own order of users (then by GUID for
        // users it does not list), not in the order their first selection
        // happens to come: two users who coded the same span would otherwise
        // become members in either order, and the agreement table with them.
        let listed = Dictionary(project.users.enumerated().map { ($1.guid, $0) }, uniquingKeysWith: { a, _ in a })
        let codingUsers = coded.sorted { (listed[$0] ?? Int.max, $0.description) < (listed[$1] ?? Int.max, $1.description) }
        var texts: [(data: Data, source: REFITextSource)] = []
        for source in project.sources { texts.append((Data(source.text.utf8), source)) }
        let keyring = store.keyring
        var newKeys: [(name: String, key: SigningKey)] = []

        let summary: QDPXImportSummary = try store.append(staged: { staged in
            let catalog = try staged.view.catalog()
            try Roles.require(.lead, catalog, key, to: "import a project")
            var summary = QDPXImportSummary(tree: CodeTreeImport(), read: file.summary)

            // Coders: a member of the user's name whose key is held here, else a new key and member.
            var coderKey: [REFIGUID: SigningKey] = [:]
            var takenNames = Set(catalog.members.filter { !$0.removed }.map(\.name))
            var memberActions: [Action] = []
            for user in codingUsers {
                let base = Replica.memberName(userName[user] ?? nil, guid: user)
                if let member = catalog.member(named: base), !member.removed,
                   let held = member.keys.lazy.compactMap({ keyring.name(ofPublic: $0) }).first, let heldKey = try? keyring.key(held) {
                    coderKey[user] = heldKey
                    summary.coders.append(.init(name: member.name, new: false))
                    continue
                }
                var name = base, n = 1
                while takenNames.contains(name) || keyring.contains(name) { n += 1; name = "\(base)-\(n)" }
                takenNames.insert(name)
                let newKey = SigningKey()
                newKeys.append((name, newKey))
                coderKey[user] = newKey
                memberActions.append(Action(.memberAdded(MemberAdded(name: name, role: .coder, keys: [newKey.authorID]))))
                summary.coders.append(.init(name: name, new: true))
            }

            // Documents: reuse one with the same GUID or the same text.
            var documentID: [REFIGUID: String] = [:]
            var documentActions: [Action] = []
            var adding: [REFIGUID] = []
            var bySHA: [String: String] = [:]
            var byGUID: [String: String] = [:]
            // A text given twice in the file becomes one document.
            var addingSHA: [String: REFIGUID] = [:]
            var sameText: [(REFIGUID, REFIGUID)] = []
            for document in catalog.documents where !document.retired {
                bySHA[document.sha256] = document.id
                if let guid = Replica.keptGUID(document) { byGUID[guid.value] = document.id }
            }
            for (data, source) in texts {
                let text = try Replica.documentText(data, title: source.name)
                let sha = DocumentText.sha256(text)
                if let id = byGUID[source.guid.value] ?? bySHA[sha] {
                    documentID[source.guid] = id
                    summary.matchedDocuments += 1
                    continue
                }
                if let first = addingSHA[sha] {
                    sameText.append((source.guid, first))
                    summary.matchedDocuments += 1
                    continue
                }
                addingSHA[sha] = source.guid
                var meta = [Replica.refiGUIDMetaKey: source.guid.original]
                if let original = source.originalName { meta["refi_name"] = original }
                documentActions.append(Action(.documentAdded(DocumentAdded(title: source.name, text: text, meta: meta))))
                adding.append(source.guid)
            }
            for (event, guid) in zip(try staged.append(memberActions + documentActions, by: key).dropFirst(memberActions.count), adding) {
                documentID[guid] = event.id
            }
            for (alias, first) in sameText { documentID[alias] = documentID[first] }
            summary.documents = adding.count

            summary.tree = try Replica.defineCodeTree(project.codebook.codes, by: key, in: staged, catalog: catalog)

            // Codings, each by its coder's key (the lead's when the file names no user).
            let after = try staged.view.catalog()
            let existing = Set(try staged.view.codings(catalog: after).map { "\($0.author) \($0.document) \($0.code) \($0.start) \($0.end)" })
            var codingID: [REFIGUID: String] = [:]
            var codings = SignerBatches<REFIGUID>()
            for source in project.sources {
                guard let document = documentID[source.guid] else { continue }
                for selection in source.selections {
                    for coding in selection.codings {
                        guard let code = summary.tree.codes[coding.codeGUID] else {
                            throw AccordError("unknown_code", "coding \(coding.guid) applies code \(coding.codeGUID), which is not in the codebook")
                        }
                        let signer = coding.creatingUser.flatMap { coderKey[$0] } ?? key
                        if coding.creatingUser == nil { summary.codingsWithoutUser += 1 }
                        let effective = after.effectiveCode(code)
                        if existing.contains("\(signer.publicHex) \(document) \(effective) \(selection.start) \(selection.end)") {
                            summary.matchedCodings += 1
                            continue
                        }
                        codings.add(Action(.segmentCoded(SegmentCoded(
                            document: EventID(hex: document)!, code: EventID(hex: effective)!,
                            start: Int64(selection.start), end: Int64(selection.end)))), by: signer, tag: coding.guid)
                    }
                }
            }
            for (event, guid) in try codings.append(in: staged) { codingID[guid] = event.id }
            summary.codings = codings.count

            // Done marks: "done by NAME" sets, for the coders this import knows by that name.
            let progress = try staged.view.progress()
            let members = try staged.view.catalog()
            for set in project.sets where set.name.hasPrefix(Replica.doneSetPrefix) {
                let name = String(set.name.dropFirst(Replica.doneSetPrefix.count))
                guard let user = codingUsers.first(where: { userName[$0] ?? nil == name }), let signer = coderKey[user],
                      let member = members.member(forKey: signer.publicHex) else { continue }
                let actions = set.memberSources.compactMap { documentID[$0] }.filter { !progress.isDone($0, by: member.id) }
                    .map { Action(.documentDone(DocumentDone(document: EventID(hex: $0)!))) }
                try staged.append(actions, by: signer)
                summary.doneMarks += actions.count
            }

            // Notes: a memo on what the note's first target names, by its coder or the lead.
            // A memo already here (same text on the same things) is not written again.
            func seen(_ text: String, _ document: String?, _ code: String?, _ coding: String?) -> [String] {
                [text, document ?? "", code ?? "", coding ?? ""]
            }
            var memos = Set(try staged.view.memos().map { seen($0.text, $0.document, $0.code, $0.coding) })
            var memoBatches = SignerBatches<Void>()
            for note in project.notes where !note.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                var memo = MemoAdded(text: note.text)
                for target in note.targets {
                    switch target {
                    case .coding(let g): memo.coding = codingID[g].flatMap { EventID(hex: $0) }
                    case .selection(let g):
                        let codings = project.sources.lazy.flatMap(\.selections).first { $0.guid == g }?.codings ?? []
                        memo.coding = codings.lazy.compactMap { codingID[$0.guid] }.first.flatMap { EventID(hex: $0) }
                    case .code(let g): memo.code = summary.tree.codes[g].flatMap { EventID(hex: $0) }
                    case .source(let g): memo.document = documentID[g].flatMap { EventID(hex: $0) }
                    case .project: break
                    }
                    if memo.coding != nil || memo.code != nil || memo.document != nil { break }
                }
                guard memos.insert(seen(memo.text, memo.document?.hex, memo.code?.hex, memo.coding?.hex)).inserted else { continue }
                memoBatches.add(Action(.memoAdded(memo)), by: note.creatingUser.flatMap { coderKey[$0] } ?? key, tag: ())
            }
            _ = try memoBatches.append(in: staged)
            summary.memos = memoBatches.count
            // Last, inside the transaction: a key whose member is committed is never lost.
            for (name, newKey) in newKeys { try keyring.store(newKey, as: name) }
            return summary
        })
        return summary
    }

    /// A member and key name for a REFI user: their name with anything a key
    /// file name cannot hold replaced by `-`, or `refi-` and the start of
    /// their GUID when the file gives no usable name.
    static func memberName(_ name: String?, guid: REFIGUID) -> String {
        let cleaned = String(String.UnicodeScalarView((name ?? "").unicodeScalars.map {
            CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) ? $0 : "-"
        })).trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return Keyring.isValidName(cleaned) ? cleaned : "refi-" + guid.value.prefix(8).lowercased()
    }
}

/// Actions grouped by the key that signs them, each signer's in the order
/// they were added and the signers in the order they first appeared: one
/// stage per signer, so every signer's events form one run of its chain.
/// `Tag` follows each action to its event (a coding's REFI GUID).
struct SignerBatches<Tag> {
    private var order: [String] = []
    private var batches: [String: (key: SigningKey, actions: [Action], tags: [Tag])] = [:]
    private(set) var count = 0

    mutating func add(_ action: Action, by key: SigningKey, tag: Tag) {
        if batches[key.publicHex] == nil { order.append(key.publicHex); batches[key.publicHex] = (key, [], []) }
        batches[key.publicHex]!.actions.append(action)
        batches[key.publicHex]!.tags.append(tag)
        count += 1
    }

    /// Appends each signer's batch; every event with its action's tag.
    func append(in staged: StagedAppend) throws -> [(Event, Tag)] {
        var out: [(Event, Tag)] = []
        for signer in order {
            let batch = batches[signer]!
            out += zip(try staged.append(batch.actions, by: batch.key), batch.tags).map { ($0, $1) }
        }
        return out
    }
}
