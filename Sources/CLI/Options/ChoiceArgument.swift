import ArgumentParser
import Store

/// An option whose value is one of a fixed set (`--unit`, `--role`,
/// `--type`). The type's `ExpressibleByArgument` conformance reads a value;
/// a value outside the set is refused like every other refusal, with the
/// type's own stable code and the list of values, rather than with
/// ArgumentParser's usage error. Declare the option with
/// `transform: T.parse`.
protocol ChoiceArgument: ExpressibleByArgument, CaseIterable, Sendable {
    /// The refusal code for a value outside the set, e.g. `bad_unit`.
    static var refusalCode: String { get }
    /// The refusal's message for `value`.
    static func refusalMessage(_ value: String) -> String
}

extension ChoiceArgument {
    /// The values, comma-separated, for help and errors.
    static var choices: String { allValueStrings.joined(separator: ", ") }

    @Sendable static func parse(_ value: String) throws(AccordError) -> Self {
        guard let choice = Self(argument: value) else { throw AccordError(refusalCode, refusalMessage(value)) }
        return choice
    }
}
