/// Reports how far a long import, export or report has come: `done` of
/// `total` steps, called on the caller's thread, first with `done == 0` and
/// last with `done == total`. The CLI draws a bar from it when stderr is a
/// terminal; the steps are whatever the operation counts (sources, rows, …).
public typealias InteropProgress = (_ done: Int, _ total: Int) -> Void

/// Calls an optional progress handler without checking for nil at each step.
struct ProgressReporter {
    let handler: InteropProgress?
    let total: Int
    private(set) var done = 0

    init(_ handler: InteropProgress?, total: Int) {
        self.handler = handler
        self.total = max(total, 0)
        handler?(0, self.total)
    }

    mutating func advance(by steps: Int = 1) {
        done = min(done + steps, total)
        handler?(done, total)
    }

    mutating func finish() {
        if done < total { done = total; handler?(done, total) }
    }
}
