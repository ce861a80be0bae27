/// Prevalence-adjusted bias-adjusted kappa.
///
/// Byrt, T., Bishop, J. & Carlin, J. B. (1993). Bias, prevalence and kappa. *Journal of
/// Clinical Epidemiology* 46, 423–429: for a binary rating, PABAK = 2·po − 1. Cohen's kappa
/// collapses when a code is rare (high prevalence of "absent") even if coders agree on almost
/// every unit; PABAK shows what kappa would be with balanced prevalence and no bias, so the
/// two side by side separate "coders disagree" from "the code is rare".
public enum PABAK {
    /// 2·po − 1.
    public static func value(observedAgreement po: Double) -> Double {
        2 * po - 1
    }

    /// PABAK of a 2×2 presence table, undefined when it holds no units.
    public static func value(_ table: TwoByTwo) -> Estimate {
        guard let po = table.observedAgreement else { return .undefined(Why.noUnits) }
        return Estimate(value(observedAgreement: po))
    }
}
