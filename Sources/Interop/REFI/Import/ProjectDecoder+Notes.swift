import Foundation

/// Notes and what they annotate (through `NoteRef`s and `Link`s), sets, and users named but not listed.
extension ProjectDecoder {
    mutating func decodeNote(_ node: XMLTree) throws(InteropError) -> REFINote {
        let guid = try reading.requiredGUID(node, "guid")
        let raw = try text(of: node, kind: "note")
        return REFINote(guid: guid, name: reading.optionalName(node), text: NormalisedText.normalise(raw),
                        creatingUser: reading.optionalGUID(node, "creatingUser"),
                        creationDateTime: reading.optionalDate(node, "creationDateTime"))
    }

    struct GUIDKinds {
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
    mutating func readLinks(_ links: XMLTree, notes: Set<REFIGUID>, kinds: GUIDKinds) {
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

    mutating func attach(_ notes: inout [REFINote], kinds: GUIDKinds) {
        let index = Dictionary(uniqueKeysWithValues: notes.enumerated().map { ($1.guid, $0) })
        for (note, target) in annotations {
            guard let i = index[note], let resolved = kinds.resolve(target) else {
                reading.summary.unresolvedNoteTargets += 1
                continue
            }
            if !notes[i].targets.contains(resolved) { notes[i].targets.append(resolved) }
        }
    }

    func decodeSet(_ node: XMLTree) throws(InteropError) -> REFISet {
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
    mutating func addReferencedUsers(_ project: inout REFIProject) {
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
