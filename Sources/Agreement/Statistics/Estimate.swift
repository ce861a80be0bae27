/// A coefficient that may be undefined.
///
/// Agreement coefficients divide by quantities that vanish on degenerate data (no units, no
/// variation, a single category). Rather than NaN or infinity, an undefined coefficient has a
/// nil `value` and a `note` saying why, which the report prints as JSON `null` plus the note.
public struct Estimate: Sendable, Hashable {
    public var value: Double?
    public var note: String?

    public init(_ value: Double) {
        if value.isFinite {
            self.value = value
            self.note = nil
        } else {
            self.value = nil
            self.note = "not a finite number"
        }
    }

    public init(value: Double?, note: String?) {
        self.value = value
        self.note = note
    }

    public static func undefined(_ note: String) -> Estimate {
        Estimate(value: nil, note: note)
    }
}

/// The notes used across the module, kept in one place so the report reads consistently.
enum Why {
    static let noUnits = "no units were rated by both coders"
    static let noVariation =
        "no variation: both coders put every unit in the same single category, so chance agreement is 1 and kappa is undefined"
    static let oneCategory = "fewer than two categories: chance agreement is 1 and the coefficient is undefined"
    static let fewerThanTwoCoders = "fewer than two coders"
    static let noCompleteUnits = "no unit was rated by every coder"
    static let fleissNoVariation =
        "no variation: every rating is in the same category, so chance agreement is 1 and Fleiss' kappa is undefined"
    static let unequalRaters = "every unit must have the same number of ratings"
    static let noPairableUnits = "no unit has two or more ratings"
    static let alphaNoVariation =
        "no variation: every pairable rating has the same value, so expected disagreement is 0 and alpha is undefined"
}
