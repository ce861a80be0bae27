import GRDB

/// Checks that everything an event names exists in its causal past and is
/// usable there: a live document, a live code, a coding of one's own, a span
/// inside the document.
struct References {
    let past: CausalPast
    let author: String
    let membership: Membership
    var db: Database { past.db }

    func check(_ body: EventBody) throws {
        switch body {
        case .projectCreated, .documentAdded: break
        case .memberAdded(let b):
            for key in b.keys {
                if let other = past.membership(of: key.hex), !other.removed {
                    throw AccordError.duplicateMember("key \(key.short)… already belongs to a member")
                }
            }
        case .memberChanged(let b):
            try member(b.member)
            try bases(b.base)
            for key in b.keys ?? [] {
                if let other = past.membership(of: key.hex), !other.removed, other.member != b.member.hex {
                    throw AccordError.duplicateMember("key \(key.short)… already belongs to another member")
                }
            }
        case .memberRemoved(let b):
            try member(b.member)
        case .documentRetired(let b):
            _ = try document(b.document, live: false)
        case .documentDone(let b):
            _ = try document(b.document, live: true)
        case .codeDefined(let b):
            if let parent = b.parent { try code(parent) }
        case .codeChanged(let b):
            try code(b.code, live: false)
            try bases(b.base)
            if let parent = b.parent, let parent {
                try code(parent)
                try noCycle(moving: b.code.hex, under: parent.hex)
            }
        case .codeMerged(let b):
            try code(b.code)
            try code(b.into)
        case .codeRetired(let b):
            try code(b.code, live: false)
        case .segmentCoded(let b):
            let length = try document(b.document, live: true)
            try code(b.code)
            try span(b.start, b.end, length: length)
        case .segmentUncoded(let b):
            let coding = b.coding.hex
            guard try past.contains(coding),
                  let owner = try String.fetchOne(db.cachedStatement(sql: "SELECT author FROM codings WHERE id = ?"), arguments: [coding])
            else { throw AccordError.unknownCoding("no coding \(coding)") }
            if membership.role != .lead, try past.member(ofKey: owner, asOf: coding) != membership.member {
                throw AccordError.notOwnCoding("coding \(coding) belongs to another coder; only they or a lead can remove it")
            }
        case .memoAdded(let b):
            if let d = b.document { _ = try document(d, live: false) }
            if let c = b.code { try code(c, live: false) }
            if let c = b.coding?.hex {
                guard try past.contains(c), try Bool.fetchOne(db, sql: "SELECT 1 FROM codings WHERE id = ?", arguments: [c]) == true else {
                    throw AccordError.unknownCoding("no coding \(c)")
                }
            }
        case .adjudicationDecided(let b):
            let length = try document(b.document, live: false)
            try span(b.start, b.end, length: length)
            for c in b.codes { try code(c, live: false) }
            try bases(b.base)
        }
    }

    func member(_ id: EventID) throws {
        guard try past.contains(id.hex), try Bool.fetchOne(db, sql: "SELECT 1 FROM members WHERE id = ?", arguments: [id.hex]) == true else {
            throw AccordError.unknownMember("no member \(id)")
        }
    }

    /// The document's length; `live` also refuses a retired one.
    func document(_ documentID: EventID, live: Bool) throws -> Int64 {
        let id = documentID.hex
        guard try past.contains(id), let length = try documentLength(id) else { throw AccordError.unknownDocument("no document \(id)") }
        if live, try past.retired(id) != nil { throw AccordError.retiredDocument("document \(id) is retired") }
        return length
    }

    func documentLength(_ id: String) throws -> Int64? {
        if let known = past.cache.documentLength[id] { return known }
        let length = try Int64.fetchOne(db.cachedStatement(sql: "SELECT length FROM documents WHERE id = ?"), arguments: [id])
        if let length { past.cache.documentLength[id] = length }
        return length
    }

    func code(_ codeID: EventID, live: Bool = true) throws {
        let id = codeID.hex
        guard try past.contains(id), try codeExists(id) else { throw AccordError.unknownCode("no code \(id)") }
        guard live else { return }
        if try past.retired(id) != nil { throw AccordError.retiredCode("code \(id) is retired") }
        for merge in try past.merges(of: id) where try past.counts(merge) {
            throw AccordError.retiredCode("code \(id) was merged into another code; use that one")
        }
    }

    func codeExists(_ id: String) throws -> Bool {
        if past.cache.codeExists.contains(id) == true { return true }
        let exists = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM codes WHERE id = ?"), arguments: [id]) == true
        if exists { past.cache.codeExists.insert(id) }
        return exists
    }

    func span(_ start: Int64, _ end: Int64, length: Int64) throws {
        guard end <= length else {
            throw AccordError.spanOutOfRange("span \(start):\(end) lies outside the document (length \(length))")
        }
    }

    func bases(_ base: [EventID]) throws {
        for base in base.map(\.hex) where !(try past.contains(base)) {
            throw AccordError.unknownEvent("base \(base) is not in the event's causal past")
        }
    }

    func noCycle(moving code: String, under parent: String) throws {
        var current: String? = parent
        var steps = 0
        while let c = current, steps < 10_000 {
            if c == code { throw AccordError.codeCycle("a code cannot be moved under itself or its descendants") }
            current = try Register.value(db, thing: c, field: "parent", within: past)?.stringValue
            steps += 1
        }
    }
}
