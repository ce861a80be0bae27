import Agreement
import ArgumentParser

/// `agreement --unit`: what counts as one unit of agreement.
enum AgreementUnit: String, ChoiceArgument {
    case document, paragraph, sentence, character, segment

    static let refusalCode = "bad_unit"

    static func refusalMessage(_ value: String) -> String {
        "--unit is one of \(choices); got `\(value)`"
    }

    /// The unit scheme the agreement query takes; `overlapPercent` is used
    /// by `segment` only.
    func scheme(overlapPercent: Double) -> UnitScheme {
        switch self {
        case .document: return .document
        case .paragraph: return .paragraph
        case .sentence: return .sentence
        case .character: return .character
        case .segment: return .segment(overlapPercent: overlapPercent)
        }
    }
}
