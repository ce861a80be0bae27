import Store

/// Refuses early, in the user's terms, what the validator would refuse
/// anyway (a coder defining codes, a stranger coding): the message names the
/// member and their role instead of a rule number.
enum Roles {
    enum Need { case lead, coder }

    static func require(_ need: Need, _ catalog: Catalog, _ key: SigningKey, to action: String) throws(AccordError) {
        guard let member = catalog.member(forKey: key.publicHex), !member.removed else {
            throw AccordError.notMember("this key is not a member of the project; a lead must add it")
        }
        switch need {
        case .lead where member.role != .lead:
            throw AccordError.forbidden("only a lead can \(action); \(member.name) is a \(member.role.rawValue)")
        case .coder where ![.lead, .coder].contains(member.role):
            throw AccordError.forbidden("only leads and coders can \(action); \(member.name) is a \(member.role.rawValue)")
        default: break
        }
    }
}
