import Foundation

/// The rules on a body's values that go beyond types, written once and used
/// both when a received body is read field by field (`BodyReader`, in the
/// order events/README §11.1 fixes) and when the store checks a typed body
/// it is about to append (`EventBody.checkValues`).
enum ValueRules {
    /// The white space a code name may not start or end with: exactly the
    /// list of events/README §8 and the JSON Schema, so a spec-following
    /// replica draws the line in the same place (Unicode's White_Space
    /// property leaves out U+200B, which the spec includes).
    static let nameSpace: Set<Unicode.Scalar> = {
        var set = Set<Unicode.Scalar>()
        for v in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000] {
            set.insert(Unicode.Scalar(UInt32(v))!)
        }
        for v in 0x2000...0x200B { set.insert(Unicode.Scalar(UInt32(v))!) }
        return set
    }()

    /// A code name: not empty, no `/`, no surrounding white space (§8).
    static func isCodeName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        return !s.contains("/") && !nameSpace.contains(first) && !nameSpace.contains(last)
    }

    /// The Ed25519 public keys of small order, as libsodium lists them (the
    /// encodings of y = 0, 1, -1 and of the two order-8 points, plus the
    /// non-canonical p and p + 1; the sign bit is ignored). A signature
    /// "by" such a key can be forged without any secret, so a member holding
    /// one could be impersonated by anyone: no body may name one.
    static let smallOrderKeys: [[UInt8]] = [
        [UInt8](repeating: 0, count: 32),
        [1] + [UInt8](repeating: 0, count: 31),
        Hex.decode("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")!,
        Hex.decode("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")!,
        [0xEC] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],
        [0xED] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],
        [0xEE] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],
    ]

    static func isSmallOrderKey(_ key: AuthorID) -> Bool {
        var bytes = key.bytes
        bytes[31] &= 0x7F
        return smallOrderKeys.contains(bytes)
    }

    static func span(_ start: Int64, _ end: Int64) throws(AccordError) {
        guard start < end else { throw .emptySpan("span \(start):\(end) is empty: start must be less than end") }
    }

    static func isSortedUnique(_ ids: [EventID]) -> Bool { zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 } }

    /// NFC names keep two spellings of one name from being one key here and
    /// two keys to a byte-comparing verifier.
    static func isNFC(_ s: String) -> Bool {
        s.unicodeScalars.elementsEqual(s.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// A REFI-QDA GUID as a body holds it: lowercase hex `8-4-4-4-12`, one
    /// spelling, so that two replicas never store one GUID two ways.
    static func isGUID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 36 else { return false }
        for (i, c) in u.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return false }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c) else { return false }
            }
        }
        return true
    }

    static func document(text: String, sha256: EventID, length: Int64) throws(AccordError) {
        guard DocumentText.isNormalised(text) else {
            throw .textNotNormalised("document text must use LF line endings and Unicode NFC")
        }
        guard DocumentText.sha256ID(text) == sha256 else { throw .badBody("`sha256` is not the SHA-256 of the text") }
        guard Int64(text.unicodeScalars.count) == length else { throw .badBody("`length` is not the text's length in Unicode scalars") }
    }
}

extension EventBody {
    /// Checks a typed body against the rules its types cannot express, with
    /// the codes a receiver would give: what the store refuses to append is
    /// exactly what every replica would refuse to receive.
    public func checkValues() throws(AccordError) {
        func fail(_ message: String) -> AccordError { .badBody("\(type.rawValue): \(message)") }
        func text(_ s: String, _ key: String) throws(AccordError) { if s.isEmpty { throw fail("`\(key)` must not be empty") } }
        func name(_ s: String) throws(AccordError) {
            guard ValueRules.isCodeName(s) else { throw fail("a code name has no '/' and no surrounding spaces") }
        }
        func sorted(_ ids: [EventID], _ key: String) throws(AccordError) {
            guard ValueRules.isSortedUnique(ids) else { throw fail("`\(key)` must be sorted and without repeats") }
        }
        func color(_ c: String?) throws(AccordError) {
            if let c, !Color.isValid(c) { throw fail("`color` must be a colour #rrggbb or null") }
        }
        func uint(_ i: Int64, _ key: String) throws(AccordError) { if i < 0 { throw fail("`\(key)` must be a non-negative integer") } }
        switch self {
        case .projectCreated(let b):
            try text(b.name, "name")
            try text(b.member, "member")
        case .memberAdded(let b):
            try text(b.name, "name")
            try sorted(b.keys, "keys")
            if b.keys.isEmpty { throw fail("`keys` must name at least one public key") }
            if b.keys.contains(where: ValueRules.isSmallOrderKey) { throw fail("`keys` names a public key of small order, for which anyone can sign") }
        case .memberChanged(let b):
            try sorted(b.base, "base")
            if let n = b.name { try text(n, "name") }
            if let keys = b.keys {
                try sorted(keys, "keys")
                if keys.isEmpty { throw fail("`keys` must name at least one public key") }
                if keys.contains(where: ValueRules.isSmallOrderKey) { throw fail("`keys` names a public key of small order, for which anyone can sign") }
            }
            guard b.name != nil || b.role != nil || b.keys != nil else { throw .badBody("member.changed must change name, role or keys") }
        case .memberRemoved, .documentRetired, .documentDone, .codeRetired, .segmentUncoded:
            break
        case .documentAdded(let b):
            try text(b.title, "title")
            try text(b.text, "text")
            try uint(b.length, "length")
            guard b.meta.keys.allSatisfy(ValueRules.isNFC) else { throw fail("`meta` names must be in Unicode NFC") }
            try ValueRules.document(text: b.text, sha256: b.sha256, length: b.length)
        case .codeDefined(let b):
            try text(b.name, "name")
            try name(b.name)
            try color(b.color)
            if let g = b.guid, !ValueRules.isGUID(g) { throw fail("`guid` must be a GUID: lowercase hex 8-4-4-4-12") }
        case .codeChanged(let b):
            try sorted(b.base, "base")
            if let n = b.name {
                try text(n, "name")
                try name(n)
            }
            if let c = b.color { try color(c) }
            guard !b.changedFields.isEmpty else {
                throw .badBody("code.changed must change at least one of name, description, parent, color, exclusive, codable")
            }
        case .codeMerged(let b):
            guard b.code != b.into else { throw .badBody("a code cannot be merged into itself") }
        case .segmentCoded(let b):
            try uint(b.start, "start")
            try uint(b.end, "end")
            try ValueRules.span(b.start, b.end)
        case .memoAdded(let b):
            try text(b.text, "text")
        case .adjudicationDecided(let b):
            try uint(b.start, "start")
            try uint(b.end, "end")
            try ValueRules.span(b.start, b.end)
            try sorted(b.codes, "codes")
            try sorted(b.base, "base")
        }
    }
}
