/// The v1 event types (DESIGN §3).
public enum EventType: String, Sendable, CaseIterable, Codable {
    case projectCreated = "project.created"
    case memberAdded = "member.added"
    case memberChanged = "member.changed"
    case memberRemoved = "member.removed"
    case documentAdded = "document.added"
    case documentRetired = "document.retired"
    case codeDefined = "code.defined"
    case codeChanged = "code.changed"
    case codeMerged = "code.merged"
    case codeRetired = "code.retired"
    case segmentCoded = "segment.coded"
    case segmentUncoded = "segment.uncoded"
    case memoAdded = "memo.added"
    case documentDone = "document.done"
    case adjudicationDecided = "adjudication.decided"
}

/// A member's role. Roles decide which event types a member may author.
public enum Role: String, Sendable, CaseIterable, Codable {
    case lead, coder, auditor, mirror

    /// What each role may write: leads everything, coders their own coding
    /// work, auditors and mirrors (hubs) nothing — they read and relay.
    public func mayWrite(_ type: EventType) -> Bool {
        switch self {
        case .lead: return type != .projectCreated
        case .coder: return [.segmentCoded, .segmentUncoded, .memoAdded, .documentDone].contains(type)
        case .auditor, .mirror: return false
        }
    }
}
