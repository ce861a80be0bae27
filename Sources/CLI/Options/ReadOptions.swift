import ArgumentParser
import Store

/// `--json` and `--at`, on every read command.
struct ReadOptions: ParsableArguments {
    @Flag(help: "Print one JSON document instead of a table.")
    var json = false

    @Option(help: "Show the state at an ISO-8601 time (events with time <= T) or at an event (its causal past).")
    var at: String?

    /// Refuses a malformed `--at` before anything is opened.
    func validate() throws {
        _ = try moment()
    }

    func moment() throws(AccordError) -> Moment {
        guard let at else { return .now }
        return try Moment.parse(at)
    }
}
