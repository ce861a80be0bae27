import Dispatch
import Foundation
import GRDB

/// What became of one received event.
public enum ReceiveOutcome: Sendable, Equatable {
    case accepted
    case duplicate
    case rejected(AccordError)

    public var isAccepted: Bool { self == .accepted }
}

extension Store {
    /// Takes events made elsewhere (sync, bundles), each as its exact bytes,
    /// in causal order. Each is judged on its own: valid ones are stored and
    /// projected, invalid ones rejected with their code, in one transaction.
    ///
    /// Parsing, id checks and signature checks need no store, so they run on
    /// every core in the background, chunk by chunk, while this thread stores
    /// each event in order as soon as its chunk is checked.
    public func receive(_ lines: [[UInt8]], now: Int64 = Store.nowMicros()) throws(AccordError) -> [ReceiveOutcome] {
        let decoding = ChunkedWork(count: lines.count) { i in Store.decode(lines[i]) }
        defer { decoding.cancel() }
        return try write { db in
            var outcomes: [ReceiveOutcome] = []
            outcomes.reserveCapacity(lines.count)
            let validator = try Validator(db: db, now: now)
            for i in lines.indices {
                switch decoding.result(i) {
                case .failure(let error): outcomes.append(.rejected(error))
                case .success(let event): outcomes.append(try receiveOne(event, validator: validator, db))
                }
            }
            return outcomes
        }
    }

    func receiveOne(_ event: Event, validator: Validator, _ db: Database) throws -> ReceiveOutcome {
        if try validator.positions.info(event.id, db) != nil {
            try EventLog.keepFirstCopy(event, db)
            return .duplicate
        }
        let project = try EventLog.project(db)
        let admission: Admission
        do {
            admission = try validator.validate(event.unsigned, project: project)
        } catch let error as AccordError {
            return .rejected(error)
        }
        let before = MemberEvent.types.contains(event.type) ? validator.authority.globalResolution : nil
        validator.admit(event.unsigned, admission)
        let row = try EventLog.insert(event, admission, db)
        try Projector.apply(event.unsigned, row: row, member: validator.authority.member(of: event.unsigned, within: admission.clock),
                            rows: validator.rows, db)
        try Effects.settle(event.unsigned, admission, before: before, validator: validator, db)
        return .accepted
    }

    /// Decodes lines on every core — strict parse, canonical form, id hash —
    /// and checks each event's own signature.
    ///
    /// Every signature is checked, though a run of one author's events could
    /// be authenticated by its last signature alone (each id hashes its
    /// `prev`): validity must not depend on how events are batched, or an
    /// event with a bad signature inside a run would be accepted here and
    /// refused by a replica it is relayed to in another batch (events/README.md §4).
    static func decodeInParallel(_ lines: [[UInt8]]) -> [Result<Event, AccordError>] {
        var results = [Result<Event, AccordError>](repeating: .failure(.malformed("not decoded")), count: lines.count)
        results.withUnsafeMutableBufferPointer { out in
            parallel(lines.count) { i in out[i] = decode(lines[i]) }
        }
        return results
    }

    /// One line: strict parse, canonical form, id hash, its own signature.
    static func decode(_ line: [UInt8]) -> Result<Event, AccordError> {
        Result { () throws(AccordError) -> Event in
            let event = try Event(bytes: line)
            try event.verifySignature()
            return event
        }
    }

    /// Runs `body(i)` for i in 0..<count on every core; each i writes only its own slot.
    static func parallel(_ count: Int, _ body: (Int) -> Void) {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 32 + 1))
        withoutActuallyEscaping(body) { body in
            let task = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var i = worker
                while i < count {
                    task.value(i)
                    i += workers
                }
            }
        }
    }
}

/// A value handed to `DispatchQueue.concurrentPerform`, whose workers each
/// write only their own slots (`Store.parallel`).
private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
