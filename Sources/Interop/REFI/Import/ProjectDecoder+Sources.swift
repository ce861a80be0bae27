import Foundation

/// Text sources: their text, selections and codings, mapped onto normalised text.
extension ProjectDecoder {
    mutating func decodeTextSource(_ node: XMLTree) throws(InteropError) -> RawSource {
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
    func text(of node: XMLTree, kind: String) throws(InteropError) -> String {
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

    mutating func decodeSelection(_ node: XMLTree) throws(InteropError) -> RawSelection {
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

    mutating func decodeCoding(_ node: XMLTree, selectionUser: REFIGUID?, selectionTime: Date?) throws(InteropError) -> REFICoding {
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
    mutating func mapSource(
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
    mutating func dedupeNames(_ sources: inout [REFITextSource]) {
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

}
