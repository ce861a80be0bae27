import ArgumentParser
import Store

/// `member add --role`, `member change --role`.
extension Role: ChoiceArgument {
    static var refusalCode: String { "bad_role" }

    static func refusalMessage(_ value: String) -> String {
        "--role is one of \(choices); got `\(value)`"
    }
}
