import Foundation
import GRDB
import Store

/// Holds SQLite's write lock on a store from a connection of its own, as
/// another `accord` process in the middle of a long import would, until
/// `release()`: for tests of what a server does while it cannot write.
public final class WriteLockHolder: @unchecked Sendable {
    private let released = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Returns once the lock is held.
    public init(_ store: Store) throws {
        let queue = try DatabaseQueue(path: store.directory.appendingPathComponent("store.sqlite").path)
        let held = DispatchSemaphore(value: 0)
        let released = self.released, finished = self.finished
        let failure = UncheckedBox<(any Error)?>(nil)
        Thread.detachNewThread {
            do {
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    held.signal()
                    released.wait()
                    try db.execute(sql: "COMMIT")
                }
            } catch {
                failure.value = error
                held.signal()
            }
            finished.signal()
        }
        held.wait()
        if let error = failure.value { throw error }
    }

    /// Lets go of the lock and waits until it is released.
    public func release() {
        released.signal()
        finished.wait()
    }
}

private final class UncheckedBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
