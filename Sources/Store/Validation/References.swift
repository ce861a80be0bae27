import GRDB

/// Checks that everything an event names exists in its causal past and is
/// usable there: a live document, a live code, a coding of one's own, a span
/// inside the document.
struct References {
    let past: CausalPast
    let author: String
    let membership: Membership
    var db: Database { past.db }

    func check(_ event: Event) throws {
        let b = event.body
        switch event.type {
        case .projectCreated: break
        case .memberAdded:
            for key in b["keys"]!.arrayValue!.compactMap(\.stringValue) {
                if let other = try past.membership(of: key), !other.removed {
                    throw AccordError.duplicateMember("key \(key.prefix(12))… already belongs to a member")
                }
            }
        case .memberChanged, .memberRemoved:
            let member = b["member"]!.stringValue!
            guard try past.contains(member), try Bool.fetchOne(db, sql: "SELECT 1 FROM members WHERE id = ?", arguments: [member]) == true else {
                throw AccordError.unknownMember("no member \(member)")
            }
            try bases(b)
            for key in b["keys"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                if let other = try past.membership(of: key), !other.removed, other.member != member {
                    throw AccordError.duplicateMember("key \(key.prefix(12))… already belongs to another member")
                }
            }
        case .documentAdded: break
        case .documentRetired, .documentDone:
            _ = try document(b["document"]!.stringValue!, live: event.type == .documentDone)
        case .codeDefined:
            if let parent = b["parent"]!.stringValue { try code(parent) }
        case .codeChanged:
            let id = b["code"]!.stringValue!
            try code(id, live: false)
            try bases(b)
            if let parent = b["parent"]?.stringValue {
                try code(parent)
                try noCycle(moving: id, under: parent)
            }
        case .codeMerged:
            try code(b["code"]!.stringValue!)
            try code(b["into"]!.stringValue!)
        case .codeRetired:
            try code(b["code"]!.stringValue!, live: false)
        case .segmentCoded:
            let length = try document(b["document"]!.stringValue!, live: true)
            try code(b["code"]!.stringValue!)
            try span(b, length: length)
        case .segmentUncoded:
            let coding = b["coding"]!.stringValue!
            guard try past.contains(coding),
                  let owner = try String.fetchOne(db.cachedStatement(sql: "SELECT author FROM codings WHERE id = ?"), arguments: [coding])
            else { throw AccordError.unknownCoding("no coding \(coding)") }
            if membership.role != .lead, owner != author, try past.membership(of: owner)?.member != membership.member {
                throw AccordError.notOwnCoding("coding \(coding) belongs to another coder; only they or a lead can remove it")
            }
        case .memoAdded:
            if let d = b["document"]?.stringValue { _ = try document(d, live: false) }
            if let c = b["code"]?.stringValue { try code(c, live: false) }
            if let c = b["coding"]?.stringValue {
                guard try past.contains(c), try Bool.fetchOne(db, sql: "SELECT 1 FROM codings WHERE id = ?", arguments: [c]) == true else {
                    throw AccordError.unknownCoding("no coding \(c)")
                }
            }
        case .adjudicationDecided:
            let length = try document(b["document"]!.stringValue!, live: false)
            try span(b, length: length)
            for c in b["codes"]!.arrayValue!.compactMap(\.stringValue) { try code(c, live: false) }
            try bases(b)
        }
    }

    /// The document's length; `live` also refuses a retired one.
    func document(_ id: String, live: Bool) throws -> Int64 {
        guard try past.contains(id), let length = try documentLength(id) else { throw AccordError.unknownDocument("no document \(id)") }
        if live, try past.retired(id) != nil { throw AccordError.retiredDocument("document \(id) is retired") }
        return length
    }

    func documentLength(_ id: String) throws -> Int64? {
        if let known = past.cache?.documentLength[id] { return known }
        let length = try Int64.fetchOne(db.cachedStatement(sql: "SELECT length FROM documents WHERE id = ?"), arguments: [id])
        if let length { past.cache?.documentLength[id] = length }
        return length
    }

    func code(_ id: String, live: Bool = true) throws {
        guard try past.contains(id), try codeExists(id) else { throw AccordError.unknownCode("no code \(id)") }
        guard live else { return }
        if try past.retired(id) != nil { throw AccordError.retiredCode("code \(id) is retired") }
        for merge in try past.merges(of: id) where try past.contains(merge) {
            throw AccordError.retiredCode("code \(id) was merged into another code; use that one")
        }
    }

    func codeExists(_ id: String) throws -> Bool {
        if past.cache?.codeExists.contains(id) == true { return true }
        let exists = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM codes WHERE id = ?"), arguments: [id]) == true
        if exists { past.cache?.codeExists.insert(id) }
        return exists
    }

    func span(_ b: JSONValue, length: Int64) throws {
        let start = b["start"]!.intValue!, end = b["end"]!.intValue!
        guard end <= length else {
            throw AccordError.spanOutOfRange("span \(start):\(end) lies outside the document (length \(length))")
        }
    }

    func bases(_ b: JSONValue) throws {
        for base in b["base"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !(try past.contains(base)) {
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
