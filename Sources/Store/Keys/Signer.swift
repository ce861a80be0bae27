import Dispatch
import Foundation

/// Signs a batch of drafts on every core, in the background, so the caller
/// can validate and project the same batch meanwhile.
final class Signer: @unchecked Sendable {
    private let drafts: [EventDraft]
    private let key: SigningKey
    private var signed: [Event?]
    private let group = DispatchGroup()

    init(drafts: [EventDraft], key: SigningKey) {
        self.drafts = drafts
        self.key = key
        self.signed = Array(repeating: nil, count: drafts.count)
    }

    func start() {
        guard !drafts.isEmpty else { return }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, drafts.count / 64 + 1))
        DispatchQueue.global().async(group: group) { [self] in
            signed.withUnsafeMutableBufferPointer { out in
                let out = UncheckedBuffer(pointer: out)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var i = worker
                    while i < drafts.count {
                        out.pointer[i] = drafts[i].signedEvent(by: key)
                        i += workers
                    }
                }
            }
        }
    }

    func wait() -> [Event] {
        group.wait()
        return signed.map { $0! }
    }
}

struct UncheckedBuffer<T>: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<T>
}

struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
