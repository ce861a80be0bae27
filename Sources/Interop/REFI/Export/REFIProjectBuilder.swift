import Foundation

/// Builds the REFI-QDA model of an accord project for export.
///
/// Mapping: each member is a `User`; codes nest by `parentID`; each document
/// is a `TextSource`; each coding is one `PlainTextSelection` holding one
/// `Coding` (selection GUID from the coding id's second half, coding GUID from
/// its first half, see `REFIGUID.derived`), selections in text order; each memo
/// is a `Note` whose `NoteRef` sits in the coding, code or source it names, or
/// in the project when it names none. Anything that does not fit — an unknown
/// parent, coder, code or document, a cycle of parents, a span outside its
/// text, a colour that is not `#rgb`/`#rrggbb` — is refused, naming the id.
public enum REFIProjectBuilder {
    public static func build(_ input: REFIExportInput) throws(InteropError) -> REFIProject {
        var users: [REFIUser] = []
        var userGUID: [String: REFIGUID] = [:]
        for member in input.members {
            let memberGUID = try guid(member.guid, member.id)
            guard userGUID.updateValue(memberGUID, forKey: member.id) == nil else {
                throw .badInput("member \(member.id.prefix(12)) is listed twice")
            }
            users.append(REFIUser(guid: memberGUID, name: NormalisedText.normalise(member.name)))
        }
        func user(_ id: String?, _ what: String) throws(InteropError) -> REFIGUID? {
            guard let id else { return nil }
            guard let guid = userGUID[id] else { throw .badInput("\(what) names \(id.prefix(12)), who is not a member") }
            return guid
        }

        let (codebook, codeGUID) = try buildCodes(input.codes)

        var sources: [REFITextSource] = []
        var sourceIndex: [String: Int] = [:]
        var scalarCounts: [Int] = []
        for document in input.documents {
            guard NormalisedText.isNormalised(document.text) else {
                throw .badInput("document `\(document.title)` is not normalised text (LF line ends, NFC)")
            }
            guard sourceIndex[document.id] == nil else { throw .badInput("document \(document.id.prefix(12)) is listed twice") }
            sourceIndex[document.id] = sources.count
            scalarCounts.append(document.text.unicodeScalars.count)
            sources.append(REFITextSource(
                guid: try guid(document.guid, document.id),
                name: NormalisedText.normalise(document.title), text: document.text,
                creatingUser: try user(document.addedBy, "document `\(document.title)`"),
                creationDateTime: document.addedAt))
        }

        var codingGUID: [String: REFIGUID] = [:]
        for coding in input.codings {
            guard let s = sourceIndex[coding.documentID] else {
                throw .badInput("coding \(coding.id.prefix(12)) is on document \(coding.documentID.prefix(12)), which is not exported")
            }
            guard let code = codeGUID[coding.codeID] else {
                throw .badInput("coding \(coding.id.prefix(12)) applies code \(coding.codeID.prefix(12)), which is not in the codebook")
            }
            guard coding.start >= 0, coding.start < coding.end, coding.end <= scalarCounts[s] else {
                throw .badInput("coding \(coding.id.prefix(12)) spans [\(coding.start), \(coding.end)), outside "
                                + "`\(sources[s].name)` (\(scalarCounts[s]) characters)")
            }
            let coder = try user(coding.coderID, "coding \(coding.id.prefix(12))")
            let newCodingGUID = try guid(coding.guid, coding.id)
            guard codingGUID.updateValue(newCodingGUID, forKey: coding.id) == nil else {
                throw .badInput("coding \(coding.id.prefix(12)) is listed twice")
            }
            sources[s].selections.append(REFISelection(
                guid: try selectionGUID(coding),
                start: coding.start, end: coding.end, creatingUser: coder, creationDateTime: coding.time,
                codings: [REFICoding(guid: newCodingGUID, codeGUID: code, creatingUser: coder, creationDateTime: coding.time)]))
        }
        for i in sources.indices {
            sources[i].selections.sort { ($0.start, $0.end, $0.guid.value) < ($1.start, $1.end, $1.guid.value) }
        }

        var notes: [REFINote] = []
        for memo in input.memos {
            var targets: [REFINoteTarget] = []
            if let id = memo.codingID {
                guard let g = codingGUID[id] else { throw .badInput("memo \(memo.id.prefix(12)) is on coding \(id.prefix(12)), which is not exported") }
                targets.append(.coding(g))
            }
            if let id = memo.codeID {
                guard let g = codeGUID[id] else { throw .badInput("memo \(memo.id.prefix(12)) is on code \(id.prefix(12)), which is not in the codebook") }
                targets.append(.code(g))
            }
            if let id = memo.documentID {
                guard let s = sourceIndex[id] else { throw .badInput("memo \(memo.id.prefix(12)) is on document \(id.prefix(12)), which is not exported") }
                targets.append(.source(sources[s].guid))
            }
            if targets.isEmpty { targets = [.project] }
            let text = NormalisedText.normalise(memo.text)
            notes.append(REFINote(
                guid: try guid(memo.guid, memo.id), name: noteName(text), text: text,
                creatingUser: try user(memo.authorID, "memo \(memo.id.prefix(12))"), creationDateTime: memo.time,
                targets: targets))
        }

        return REFIProject(
            name: NormalisedText.normalise(input.projectName), origin: input.origin,
            creatingUser: try user(input.creatingUserID, "the project"), creationDateTime: input.creationDateTime,
            users: users, codebook: REFICodebook(codes: codebook.codes, origin: input.origin), sources: sources,
            notes: notes)
    }

    /// The code tree, and each code id's GUID.
    static func buildCodes(_ codes: [REFIExportInput.Code]) throws(InteropError) -> (REFICodebook, [String: REFIGUID]) {
        var byID: [String: REFIExportInput.Code] = [:]
        var guids: [String: REFIGUID] = [:]
        var children: [String?: [String]] = [:]
        for code in codes {
            guard byID.updateValue(code, forKey: code.id) == nil else { throw .badInput("code \(code.id.prefix(12)) is listed twice") }
            guids[code.id] = try guid(code.guid, code.id)
            children[code.parentID, default: []].append(code.id)
        }
        for code in codes {
            if let parent = code.parentID, byID[parent] == nil {
                throw .badInput("code `\(code.name)` has parent \(parent.prefix(12)), which is not in the codebook")
            }
        }
        var placed = 0
        func node(_ id: String) throws(InteropError) -> REFICode {
            let code = byID[id]!
            placed += 1
            var color: String? = nil
            if let c = code.color {
                guard SimpleType.isRGB(c) else { throw .badInput("code `\(code.name)` has colour `\(c)`, not #rgb or #rrggbb") }
                let hex = c.dropFirst().lowercased()
                color = "#" + (hex.count == 3 ? hex.map { "\($0)\($0)" }.joined() : hex)
            }
            var kids: [REFICode] = []
            for child in children[id] ?? [] { kids.append(try node(child)) }
            return REFICode(guid: guids[id]!, name: NormalisedText.normalise(code.name), isCodable: code.isCodable,
                            color: color, description: code.description.map(NormalisedText.normalise), children: kids)
        }
        var roots: [REFICode] = []
        for id in children[nil] ?? [] { roots.append(try node(id)) }
        guard placed == codes.count else {
            throw .badInput("\(codes.count - placed) code(s) have parents that form a cycle")
        }
        return (REFICodebook(codes: roots), guids)
    }

    /// The GUID an object was imported with, else the one derived from its id.
    private static func guid(_ kept: REFIGUID?, _ id: String) throws(InteropError) -> REFIGUID {
        if let kept { return kept }
        return try REFIGUID.derived(fromAccordID: id)
    }

    private static func selectionGUID(_ coding: REFIExportInput.Coding) throws(InteropError) -> REFIGUID {
        if let kept = coding.selectionGUID { return kept }
        return try REFIGUID.derivedCompanion(fromAccordID: coding.id)
    }

    /// A note's name: its first line, at most 60 characters.
    static func noteName(_ text: String) -> String {
        let first = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let trimmed = first.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "Memo" }
        return trimmed.count > 60 ? String(trimmed.prefix(59)) + "…" : trimmed
    }
}
