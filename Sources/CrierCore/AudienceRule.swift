/// Which residents and endpoints of the target areas a message reaches.
///
/// An operator's alert is about a place: everyone who lives there needs it, whatever they chose to
/// follow, unless the operator narrows it to a topic. Campaign reminders reach those who follow
/// their template's topic; bulletins, those who follow `bulletin` (included in `all`).
public enum AudienceRule: Sendable, Hashable {
    /// Every resident and endpoint of the areas, whatever their topics.
    case everyone
    /// Those who follow the template's own topic.
    case templateTopic
    /// Those who follow this topic.
    case topic(String)

    /// The topic residents must follow under this rule for a template on `templateTopic`; nil means any.
    public func requiredTopic(templateTopic: String) -> String? {
        switch self {
        case .everyone: nil
        case .templateTopic: templateTopic
        case .topic(let topic): topic
        }
    }

    /// How the rule reads in a summary: `every resident of the areas` or `residents following scams`.
    public func words(templateTopic: String) -> String {
        requiredTopic(templateTopic: templateTopic).map { "residents and endpoints following \($0)" }
            ?? "every resident and endpoint of the areas, whatever their topics"
    }
}

/// Topics every configuration has, whether or not crier.yml lists them.
public enum BuiltInTopic {
    /// The topic of area bulletins; residents who follow `all` get them too.
    public static let bulletin = "bulletin"

    /// The partnership's topics, in the order crier.yml documents them; used when a configuration lists none.
    public static let standard = [
        "cyber-crime", "scams", "hate-crime", "knife-crime", "night-time-economy", "domestic-abuse",
        "exploitation", "street-lifestyle", "asb", "extremism", "organised-crime", "road-safety",
    ]
}
