import Foundation
import Hummingbird
import Store

/// `GET /v1/info`, answered from memory: anyone may ask, so a flood of
/// asks must cost no database work. The answer is fetched at most once per
/// `ttl` (a renamed project shows soon after), and concurrent askers share
/// one fetch. The replica id never changes, so the signature check reads it
/// from here too.
actor InfoCache {
    let service: any SyncService
    let ttl: Duration
    private var cached: Entry?
    private var fetching: Task<Entry, any Error>?

    init(service: any SyncService, ttl: Duration = .seconds(2)) {
        self.service = service
        self.ttl = ttl
    }

    func info() async throws(SyncError) -> ServedProject { try await entry().info }

    func body() async throws(SyncError) -> ByteBuffer { try await entry().body }

    func replica() async throws(SyncError) -> String {
        if let cached { return cached.info.replica }
        return try await entry().info.replica
    }

    /// The cached answer; once it is older than `ttl`, one fetch refreshes
    /// it in the background while askers keep getting the cached one, so
    /// a slow store never makes `/v1/info` wait.
    private func entry() async throws(SyncError) -> Entry {
        if let cached {
            if cached.at.duration(to: .now) >= ttl, fetching == nil { fetching = refresh() }
            return cached
        }
        let task = fetching ?? refresh()
        fetching = task
        do {
            return try await task.value
        } catch {
            throw SyncError.serverError(error as? AccordError ?? AccordError("server_error", "\(error)"))
        }
    }

    typealias Entry = (info: ServedProject, body: ByteBuffer, at: ContinuousClock.Instant)

    private func refresh() -> Task<Entry, any Error> {
        let service = self.service
        return Task {
            do {
                let info = try await service.info()
                let body = ProjectInfo(project: info.project, name: info.name, replica: info.replica).body
                let entry: Entry = (info, ByteBuffer(bytes: body), ContinuousClock.now)
                self.finished(entry)
                return entry
            } catch {
                self.finished(nil)
                throw error
            }
        }
    }

    private func finished(_ entry: Entry?) {
        if let entry { cached = entry }
        fetching = nil
    }
}
