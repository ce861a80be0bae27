/// What validation looks up again and again while a batch of codings goes
/// by — a document's length, whether a code exists, the retirements and
/// merges of a thing — remembered for the life of one transaction. Facts that
/// a structural event can change are forgotten when one is validated.
final class FactCache {
    var documentLength: [String: Int64] = [:]
    var codeExists: Set<String> = []
    var retirements: [String: [String]] = [:]
    var merges: [String: [String]] = [:]

    /// Called for each event admitted: structural events make cached facts stale.
    func note(_ event: UnsignedEvent) {
        switch event.type {
        case .documentRetired, .codeRetired, .codeMerged, .memberRemoved:
            retirements.removeAll()
            merges.removeAll()
        default: break
        }
    }
}
