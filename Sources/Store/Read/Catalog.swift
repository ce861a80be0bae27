import GRDB

/// The small, named things of a project at one moment — members, codes,
/// documents (without their text) — loaded whole, so that names, paths and
/// titles resolve in memory. Codings, which grow with the work, are never
/// loaded here.
public struct Catalog: Sendable {
    public struct Member: Sendable, Codable {
        public var id: String
        public var name: String
        public var role: Role
        public var keys: [String]
        public var removed: Bool
    }

    public struct Code: Sendable, Codable {
        public var id: String
        public var name: String
        public var parent: String?
        public var description: String
        public var color: String?
        public var exclusive: Bool
        public var retired: Bool
        public var mergedInto: String?
        public var path: String
        /// The REFI-QDA GUID the code came in with, if it came from a QDA tool.
        public var guid: String?
        /// False for a category that only groups other codes: `apply` refuses it.
        public var codable: Bool

        /// Neither retired nor merged: a code that can still be applied.
        public var isLive: Bool { !retired && mergedInto == nil }
    }

    public struct Document: Sendable, Codable {
        public var id: String
        public var title: String
        public var sha256: String
        public var length: Int
        public var meta: [String: String]
        public var retired: Bool
        public var time: Int64
    }

    public var projectName: String
    // Read-only outside, so the indexes below stay true: read commands look
    // a member, code and document up once per row they print.
    public private(set) var members: [Member]
    public private(set) var codes: [Code]
    public private(set) var documents: [Document]
    var memberByKey: [String: Int]
    var memberByID: [String: Int]
    var formerKeyOwner: [String: Int]
    var codeByID: [String: Int]
    var documentByID: [String: Int]

    init(_ db: Database) throws {
        let genesis = try EventLog.project(db)
        projectName = try genesis.flatMap { try Register.value(db, thing: $0, field: "project_name")?.stringValue } ?? ""
        members = []
        memberByKey = [:]
        documentByID = [:]
        // Voided events have no effect (events/README §12.3): a member, code or
        // document they created does not exist, a retirement or merge they
        // made did not happen.
        let live = "id NOT IN (SELECT id FROM voided)"
        for row in try Row.fetchAll(db, sql: "SELECT id, name, role, removed_by FROM members WHERE \(live) ORDER BY time, id") {
            let id: String = row[0]
            let keys = try String.fetchAll(db, sql: "SELECT key FROM member_keys WHERE member = ? ORDER BY key", arguments: [id])
            let removed = (row[3] as String?) != nil
            let roleName: String = row[2]
            guard let role = Role(rawValue: roleName) else {
                throw AccordError("store_damaged", "member \(id) has the unknown role `\(roleName)`; run `accord verify`, then `accord rebuild`")
            }
            members.append(Member(id: id, name: row[1], role: role, keys: keys, removed: removed))
            for key in keys where !removed || memberByKey[key] == nil { memberByKey[key] = members.count - 1 }
        }
        // Keys a member used before a replacement still name them in history
        // (who made an old coding), never as a current member.
        formerKeyOwner = [:]
        memberByID = Dictionary(members.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try Row.fetchAll(db, sql: """
            SELECT e.thing, k.value FROM edits e, json_each(e.value) k
            WHERE e.field = 'keys' AND e.edit_id NOT IN (SELECT id FROM voided) ORDER BY e.time, e.edit_id
            """) {
            if let i = memberByID[row[0]], formerKeyOwner[row[1]] == nil { formerKeyOwner[row[1]] = i }
        }
        let retired = Set(try String.fetchAll(db, sql: "SELECT thing FROM retirements WHERE \(live)"))
        var merged: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT code, into_code FROM merges WHERE \(live) ORDER BY time, author, id") {
            merged[row[0]] = row[1]
        }
        codes = []
        codeByID = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, parent, description, color, exclusive, guid, codable FROM codes WHERE \(live) ORDER BY time, id") {
            let id: String = row[0]
            codeByID[id] = codes.count
            codes.append(Code(id: id, name: row[1], parent: row[2], description: row[3], color: row[4], exclusive: row[5],
                              retired: retired.contains(id), mergedInto: merged[id], path: "", guid: row[6], codable: row[7]))
        }
        documents = []
        for i in codes.indices { codes[i].path = path(of: codes[i].id) }
        documents = try Row.fetchAll(db, sql: "SELECT id, title, sha256, length, meta, time FROM documents WHERE \(live) ORDER BY time, id").map { row in
            let metaJSON = try Register.parseStored(row[4] as String).objectValue ?? [:]
            return Document(id: row[0], title: row[1], sha256: row[2], length: row[3],
                            meta: metaJSON.compactMapValues(\.stringValue), retired: retired.contains(row[0]), time: row[5])
        }
        documentByID = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The code's path from the root, names joined by `/`.
    func path(of id: String) -> String {
        var names: [String] = []
        var current: String? = id
        var seen = Set<String>()
        while let c = current, let i = codeByID[c], seen.insert(c).inserted {
            names.append(codes[i].name)
            current = codes[i].parent
        }
        return names.reversed().joined(separator: "/")
    }

    public func member(forKey key: String) -> Member? { memberByKey[key].map { members[$0] } }

    /// The member name that authored with `key` (now, or with a key they
    /// used before), or a short key when unknown.
    public func name(ofKey key: String) -> String {
        (member(forKey: key) ?? formerKeyOwner[key].map { members[$0] })?.name ?? String(key.prefix(12))
    }

    /// The name of the member who made a coding.
    public func coderName(_ coding: CodingRow) -> String {
        coding.member.flatMap { id in memberByID[id].map { members[$0].name } } ?? name(ofKey: coding.author)
    }

    /// A member's name by member id, or a short id when unknown.
    public func name(ofMember id: String) -> String { memberByID[id].map { members[$0].name } ?? String(id.prefix(12)) }

    public func member(named name: String) -> Member? {
        members.first { $0.name == name && !$0.removed } ?? members.first { $0.name == name || $0.id == name }
    }

    public func code(id: String) -> Code? { codeByID[id].map { codes[$0] } }

    /// A code by path or id (or a unique id prefix of 8+ digits).
    public func code(named name: String) throws(AccordError) -> Code {
        let trimmed = name.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let matches = codes.filter { $0.path == trimmed && !$0.retired && $0.mergedInto == nil }
        if matches.count == 1 { return matches[0] }
        if let any = codes.first(where: { $0.path == trimmed }) { return any }
        if let prefix = IDPrefix.parse(name) {
            let byID = IDPrefix.matches(codes, prefix: prefix, id: \.id)
            if byID.count == 1 { return byID[0] }
            if byID.count > 1 { throw IDPrefix.ambiguous(name, "code") }
        }
        let known = codes.filter { !$0.retired && $0.mergedInto == nil }.map(\.path).sorted()
        throw AccordError.unknownCode("no code `\(name)`" + (known.isEmpty ? "; the codebook is empty" : "; known codes: \(known.prefix(12).joined(separator: ", "))\(known.count > 12 ? ", …" : "")"))
    }

    /// Follows merges to the code that now stands for `code`.
    public func effectiveCode(_ id: String) -> String {
        // Most codes were never merged: one lookup, no set (reads call this per coding).
        guard let next = codeByID[id].flatMap({ codes[$0].mergedInto }) else { return id }
        var current = next
        var seen: Set<String> = [id]
        while let next = codeByID[current].flatMap({ codes[$0].mergedInto }), seen.insert(current).inserted { current = next }
        return current
    }

    public func document(id: String) -> Document? { documentByID[id].map { documents[$0] } }

    /// A document's title, or its id when unknown: for a listing's rows,
    /// without copying the whole `Document` for each.
    public func title(ofDocument id: String) -> String { documentByID[id].map { documents[$0].title } ?? id }

    /// A code's path, or its id when unknown: for a listing's rows.
    public func path(ofCode id: String) -> String { codeByID[id].map { codes[$0].path } ?? id }

    /// A document by title or id (or a unique id prefix of 8+ digits).
    public func document(named name: String) throws(AccordError) -> Document {
        if let exact = document(id: name) { return exact }
        let titled = documents.filter { $0.title == name }
        if let live = unique(titled.filter { !$0.retired }) ?? unique(titled) { return live }
        if titled.count > 1 {
            throw AccordError("ambiguous_document", "several documents are titled `\(name)`; name one by id: \(titled.map { String($0.id.prefix(12)) }.joined(separator: ", "))")
        }
        if let prefix = IDPrefix.parse(name) {
            let byID = IDPrefix.matches(documents, prefix: prefix, id: \.id)
            if byID.count == 1 { return byID[0] }
            if byID.count > 1 { throw IDPrefix.ambiguous(name, "document") }
        }
        throw AccordError.unknownDocument("no document `\(name)`; `accord doc list` shows them")
    }

    func unique<T>(_ items: [T]) -> T? { items.count == 1 ? items[0] : nil }
}

import Foundation
