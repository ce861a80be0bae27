/// Every refusal accord makes: a stable machine-readable `code` and a one-line
/// human `message` saying what is wrong and, where it helps, what to do.
///
/// Codes are part of the contract (events/README.md lists them): scripts and
/// sync peers match on them, so they never change meaning.
public struct AccordError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

extension AccordError {
    // Envelope and bytes
    public static func malformed(_ m: String) -> AccordError { .init("malformed", m) }
    public static func notCanonical(_ m: String) -> AccordError { .init("not_canonical", m) }
    public static func unsupportedVersion(_ m: String) -> AccordError { .init("unsupported_version", m) }
    public static func wrongProject(_ m: String) -> AccordError { .init("wrong_project", m) }
    public static func badId(_ m: String) -> AccordError { .init("bad_id", m) }
    public static func badSignature(_ m: String) -> AccordError { .init("bad_signature", m) }
    public static func oversize(_ m: String) -> AccordError { .init("oversize", m) }
    public static func unknownType(_ m: String) -> AccordError { .init("unknown_type", m) }
    public static func badBody(_ m: String) -> AccordError { .init("bad_body", m) }
    // Chain and causality
    public static func missingPrev(_ m: String) -> AccordError { .init("missing_prev", m) }
    public static func missingDep(_ m: String) -> AccordError { .init("missing_dep", m) }
    public static func badSeq(_ m: String) -> AccordError { .init("bad_seq", m) }
    public static func badDeps(_ m: String) -> AccordError { .init("bad_deps", m) }
    public static func badTime(_ m: String) -> AccordError { .init("bad_time", m) }
    public static func futureTime(_ m: String) -> AccordError { .init("future_time", m) }
    public static func equivocation(_ m: String) -> AccordError { .init("equivocation", m) }
    public static func quarantined(_ m: String) -> AccordError { .init("quarantined", m) }
    // Authority
    public static func notMember(_ m: String) -> AccordError { .init("not_member", m) }
    public static func forbidden(_ m: String) -> AccordError { .init("forbidden", m) }
    public static func notOwnCoding(_ m: String) -> AccordError { .init("not_own_coding", m) }
    // References and content
    public static func unknownDocument(_ m: String) -> AccordError { .init("unknown_document", m) }
    public static func retiredDocument(_ m: String) -> AccordError { .init("retired_document", m) }
    public static func unknownCode(_ m: String) -> AccordError { .init("unknown_code", m) }
    public static func retiredCode(_ m: String) -> AccordError { .init("retired_code", m) }
    public static func unknownCoding(_ m: String) -> AccordError { .init("unknown_coding", m) }
    public static func unknownMember(_ m: String) -> AccordError { .init("unknown_member", m) }
    public static func unknownEvent(_ m: String) -> AccordError { .init("unknown_event", m) }
    public static func spanOutOfRange(_ m: String) -> AccordError { .init("span_out_of_range", m) }
    public static func emptySpan(_ m: String) -> AccordError { .init("empty_span", m) }
    public static func duplicateDocument(_ m: String) -> AccordError { .init("duplicate_document", m) }
    public static func duplicateCode(_ m: String) -> AccordError { .init("duplicate_code", m) }
    public static func duplicateMember(_ m: String) -> AccordError { .init("duplicate_member", m) }
    public static func textNotNormalised(_ m: String) -> AccordError { .init("text_not_normalised", m) }
    public static func codeCycle(_ m: String) -> AccordError { .init("code_cycle", m) }
}
