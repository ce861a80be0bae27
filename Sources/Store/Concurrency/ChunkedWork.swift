import Dispatch
import Foundation

/// The items of a batch worked out on every core in the background, chunk
/// by chunk and in order, while the caller takes each one as soon as its
/// chunk is done: an append signs while it stores, a receive checks
/// signatures while it stores. The caller's work and the chunks' overlap,
/// and at most the whole batch is held, as before.
///
/// A batch under `inlineBelow` items is worked out on the caller's thread,
/// one item as it is asked for: threads pay off only from a few dozen items
/// on, and a single append or a small sync page should never wait for a
/// thread of the global queue (which, busy with other work, can take
/// milliseconds to give one).
final class ChunkedWork<Output>: @unchecked Sendable {
    private let count: Int
    private let work: (Int) -> Output
    /// Each slot written once by a worker, read by the caller only after
    /// its chunk's semaphore was signalled.
    private let results: UnsafeMutableBufferPointer<Output?>
    private let chunkSize: Int
    private let ready: [DispatchSemaphore]
    private let group = DispatchGroup()
    private let inline: Bool
    private let lock = NSLock()
    private var cancelled = false
    /// Chunks the caller has waited for (the caller's alone).
    private var chunksReady = 0

    init(count: Int, chunkSize: Int = 256, inlineBelow: Int = 64, _ work: @escaping (Int) -> Output) {
        self.count = count
        self.work = work
        self.chunkSize = chunkSize
        inline = count < inlineBelow
        results = .allocate(capacity: count)
        results.initialize(repeating: nil)
        ready = inline ? [] : (0..<(count + chunkSize - 1) / chunkSize).map { _ in DispatchSemaphore(value: 0) }
        start()
    }

    deinit {
        cancel()
        group.wait()
        results.deinitialize()
        results.deallocate()
    }

    private func start() {
        guard !inline else { return }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 64 + 1))
        DispatchQueue.global().async(group: group) { [self] in
            for (chunk, semaphore) in ready.enumerated() {
                if isCancelled { return }
                let range = chunk * chunkSize..<min(count, (chunk + 1) * chunkSize)
                DispatchQueue.concurrentPerform(iterations: min(workers, range.count)) { worker in
                    for i in stride(from: range.lowerBound + worker, to: range.upperBound, by: workers) {
                        results[i] = work(i)
                    }
                }
                semaphore.signal()
            }
        }
    }

    /// Item `index`, once its chunk is done.
    func result(_ index: Int) -> Output {
        if inline { return work(index) }
        while chunksReady <= index / chunkSize {
            ready[chunksReady].wait()
            chunksReady += 1
        }
        return results[index]!
    }

    /// Stops at the next chunk: the caller gave up on the batch, so no core
    /// should go on working for it.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}
