import ArgumentParser
import Store

/// `log --type`.
extension EventType: ChoiceArgument {
    static var refusalCode: String { "unknown_type" }

    static func refusalMessage(_ value: String) -> String {
        "no event type `\(value)`; types: \(choices)"
    }
}
