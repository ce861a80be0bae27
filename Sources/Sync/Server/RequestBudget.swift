/// Counts the authenticated requests being served, in total and per key,
/// and refuses one over either cap at once (503 `busy`, 429
/// `too_many_requests`, both with `Retry-After`) rather than queueing it:
/// a queue would hold the connection and the body the budget exists to bound.
actor RequestBudget {
    let total: Int
    let perKey: Int
    private var running = 0
    private var byKey: [String: Int] = [:]

    init(total: Int, perKey: Int) {
        self.total = total
        self.perKey = perKey
    }

    func acquire(_ key: String) throws(SyncError) {
        guard running < total else { throw SyncError.busy() }
        let mine = byKey[key, default: 0]
        guard mine < perKey else { throw SyncError.tooManyRequests(perKey) }
        running += 1
        byKey[key] = mine + 1
    }

    func release(_ key: String) {
        running -= 1
        let left = byKey[key, default: 1] - 1
        byKey[key] = left > 0 ? left : nil
    }

    /// Runs `work` inside the budget of `key`.
    nonisolated func spend<T: Sendable>(_ key: String, _ work: () async throws -> T) async throws -> T {
        try await acquire(key)
        do {
            let result = try await work()
            await release(key)
            return result
        } catch {
            await release(key)
            throw error
        }
    }
}
