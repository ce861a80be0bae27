import Hummingbird
import Store

/// Who made a request, once `Authentication` has verified it.
public struct Caller: Sendable, Equatable {
    public var key: String
    public var name: String
    public var role: Role
}

/// The request context of the sync server: Hummingbird's core context plus
/// the authenticated caller, which `Authentication` fills in before any
/// signed route runs.
public struct SyncRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var caller: Caller?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        caller = nil
    }

    /// The caller, for a route behind `Authentication`.
    func authenticated() throws -> Caller {
        guard let caller else { throw SyncError.noAuthorization }
        return caller
    }
}
