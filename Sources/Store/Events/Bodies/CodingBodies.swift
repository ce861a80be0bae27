/// `segment.coded`: a code on a half-open span of Unicode scalars; the
/// event's id is the coding's id.
public struct SegmentCoded: Sendable, Equatable {
    public var document: EventID
    public var code: EventID
    public var start: Int64
    public var end: Int64

    public init(document: EventID, code: EventID, start: Int64, end: Int64) {
        self.document = document
        self.code = code
        self.start = start
        self.end = end
    }
}

/// `segment.uncoded`: withdraws a coding.
public struct SegmentUncoded: Sendable, Equatable {
    public var coding: EventID

    public init(coding: EventID) { self.coding = coding }
}

/// `memo.added`: an analytic memo, on the project or on a document, code or coding.
public struct MemoAdded: Sendable, Equatable {
    public var text: String
    public var document: EventID?
    public var code: EventID?
    public var coding: EventID?

    public init(text: String, document: EventID? = nil, code: EventID? = nil, coding: EventID? = nil) {
        self.text = text
        self.document = document
        self.code = code
        self.coding = coding
    }
}
