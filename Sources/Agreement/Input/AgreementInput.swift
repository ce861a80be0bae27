/// A document whose text has already been normalised (LF line endings, Unicode NFC) when it
/// was added, so that coding offsets — zero-based Unicode scalar offsets — never drift.
public struct AgreementDocument: Sendable, Hashable {
    public var id: String
    public var title: String
    public var text: String

    public init(id: String, title: String, text: String) {
        self.id = id
        self.title = title
        self.text = text
    }
}

/// A code of the codebook.
///
/// `group` is the path of the code's parent when that parent is marked `exclusive`: the
/// children of an exclusive code are the categories of one nominal variable, so besides the
/// per-code presence statistics they are also analysed together as one multi-category
/// variable (see ``GroupAgreement``). `group` is nil for every other code.
public struct AgreementCode: Sendable, Hashable {
    public var id: String
    public var path: String
    public var group: String?

    public init(id: String, path: String, group: String? = nil) {
        self.id = id
        self.path = path
        self.group = group
    }
}

/// One coding: `coder` put `code` on the half-open Unicode scalar range `[start, end)` of
/// `document` (a document id). Empty ranges, ranges outside the document, and codings that name
/// an unknown coder, document or code are ignored (and counted in the report's notes).
public struct AgreementCoding: Sendable, Hashable {
    public var coder: String
    public var document: String
    public var code: String
    public var start: Int
    public var end: Int

    public init(coder: String, document: String, code: String, start: Int, end: Int) {
        self.coder = coder
        self.document = document
        self.code = code
        self.start = start
        self.end = end
    }
}

/// What counts as one rated unit (DESIGN §6).
public enum UnitScheme: Sendable, Hashable {
    /// Each document is one unit (MAXQDA's "code existence in the document").
    case document
    /// Text split at blank lines; see ``Paragraphs``.
    case paragraph
    /// Rule-based sentences inside paragraphs; see ``Sentences``.
    case sentence
    /// Each Unicode scalar is one unit (NVivo style), computed by sweeping intervals.
    case character
    /// MAXQDA-style segment matching; see ``Segments``. `overlapPercent` is in 0...100.
    case segment(overlapPercent: Double)

    /// The scheme's name as written in `agreement --json` (`"unit"`).
    public var name: String {
        switch self {
        case .document: return "document"
        case .paragraph: return "paragraph"
        case .sentence: return "sentence"
        case .character: return "character"
        case .segment: return "segment"
        }
    }
}

/// Everything the agreement computation needs, already filtered by the caller (for example to
/// the documents every compared coder marked done). `coders` fixes the coder order of every
/// pair and table; `codes` fixes the row order.
///
/// With a `reference` (the consensus a lead decided), ``computeAgreement(_:unit:)`` compares
/// each coder against it instead of the coders with one another; see ``AgreementReference``.
public struct AgreementInput: Sendable {
    public var documents: [AgreementDocument]
    public var coders: [String]
    public var codes: [AgreementCode]
    public var codings: [AgreementCoding]
    public var reference: AgreementReference?

    public init(
        documents: [AgreementDocument], coders: [String], codes: [AgreementCode],
        codings: [AgreementCoding], reference: AgreementReference? = nil
    ) {
        self.documents = documents
        self.coders = coders
        self.codes = codes
        self.codings = codings
        self.reference = reference
    }
}
