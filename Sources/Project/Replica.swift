import Foundation
import Store

/// The use cases of one replica of a project: what a lead, a coder or an
/// auditor does with it, above the signed log (`Store`) and the statistics
/// (`Agreement`).
///
/// The CLI and the sync server are thin adapters over this type: each of
/// its methods resolves names under the store's write lock (or on one
/// consistent read), checks the caller's role, and turns the request into
/// events or plain values.
public struct Replica: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Opens the replica whose store is in `directory` (the `.accord` folder).
    public init(directory: URL) throws(AccordError) {
        self.init(store: try Store(directory: directory))
    }
}
