import Dispatch
import Foundation

/// Signs a batch of drafts on every core, in the background and in order,
/// chunk by chunk, so the caller can validate, store and project each event
/// as soon as its signature is made, while the later ones are signed.
final class Signer: @unchecked Sendable {
    private let drafts: [EventDraft]
    private let key: SigningKey
    /// Written by the signing threads, each slot once, and read by the
    /// caller only after its chunk's semaphore was signalled.
    private let signed: UnsafeMutableBufferPointer<Event?>
    private let chunkSize = 256
    private let ready: [DispatchSemaphore]
    private let group = DispatchGroup()
    /// Chunks the caller has waited for; read and written by the caller only.
    private var chunksReady = 0

    init(drafts: [EventDraft], key: SigningKey) {
        self.drafts = drafts
        self.key = key
        signed = .allocate(capacity: drafts.count)
        signed.initialize(repeating: nil)
        ready = (0..<(drafts.count + chunkSize - 1) / chunkSize).map { _ in DispatchSemaphore(value: 0) }
    }

    deinit {
        group.wait()
        signed.deinitialize()
        signed.deallocate()
    }

    /// Signing threads pay off from a few dozen events on; a smaller batch
    /// is signed on the caller's thread as each event is asked for, so a
    /// single append never waits for a thread of the global queue (which,
    /// busy with other work, can take milliseconds to get one).
    private var inline: Bool { drafts.count < 64 }

    func start() {
        guard !drafts.isEmpty, !inline else { return }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, drafts.count / 64 + 1))
        DispatchQueue.global().async(group: group) { [self] in
            for (chunk, semaphore) in ready.enumerated() {
                let range = chunk * chunkSize..<min(drafts.count, (chunk + 1) * chunkSize)
                DispatchQueue.concurrentPerform(iterations: min(workers, range.count)) { worker in
                    for i in stride(from: range.lowerBound + worker, to: range.upperBound, by: workers) {
                        signed[i] = drafts[i].signedEvent(by: key)
                    }
                }
                semaphore.signal()
            }
        }
    }

    /// The signed event at `index`, once its chunk is signed.
    func event(_ index: Int) -> Event {
        if inline { return drafts[index].signedEvent(by: key) }
        while chunksReady <= index / chunkSize {
            ready[chunksReady].wait()
            chunksReady += 1
        }
        return signed[index]!
    }

    /// Waits for every signature (before giving up on a batch, so no thread
    /// signs for a batch nobody will store).
    func wait() { group.wait() }
}

struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
