import GRDB

extension Store {
    /// `receive(_:now:)` for a file of events a person hands over (a bundle):
    /// every line is accepted or already held, or nothing is stored. The
    /// first refused line is the one-line error (its number counts from 1),
    /// so a file with a bad line changes nothing and can be fixed and given again.
    public func receiveAll(_ lines: [[UInt8]], now: Int64 = Store.nowMicros()) throws(AccordError) -> [ReceiveOutcome] {
        let decoded = Store.decodeInParallel(lines)
        return try write { db in
            var outcomes: [ReceiveOutcome] = []
            outcomes.reserveCapacity(lines.count)
            let validator = try Validator(db: db, now: now)
            for (index, item) in decoded.enumerated() {
                let outcome: ReceiveOutcome
                switch item {
                case .failure(let error): outcome = .rejected(error)
                case .success(let event): outcome = try receiveOne(event, validator: validator, db)
                }
                if case .rejected(let error) = outcome {
                    throw AccordError(error.code, "line \(index + 1) of \(lines.count): \(error.message); nothing was imported")
                }
                outcomes.append(outcome)
            }
            return outcomes
        }
    }
}
