/// `adjudication.decided`: a lead's consensus codes for one unit of a
/// document; `base` names the decisions on that unit the lead had seen.
public struct AdjudicationDecided: Sendable, Equatable {
    public var document: EventID
    public var start: Int64
    public var end: Int64
    public var codes: [EventID]
    public var note: String
    public var base: [EventID]

    public init(document: EventID, start: Int64, end: Int64, codes: [EventID], note: String, base: [EventID]) {
        self.document = document
        self.start = start
        self.end = end
        self.codes = codes
        self.note = note
        self.base = base
    }
}
