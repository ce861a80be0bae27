/// The demo's codebook: (name, parent, description).
enum DemoCodebook {
    static let codes: [(String, String?, String)] = [
        ("values", nil, "Values the developer says the model should hold"),
        ("helpfulness", "values", "Being useful to the user"),
        ("honesty", "values", "Not deceiving; calibrated uncertainty"),
        ("harmlessness", "values", "Avoiding harm, refusing dangerous requests"),
        ("data", nil, "Where training signal comes from"),
        ("human preference data", "data", "People compare or rank model outputs"),
        ("synthetic data", "data", "Model-generated training data or feedback"),
        ("red-teaming", "data", "Adversarial testing by people"),
    ]
}
