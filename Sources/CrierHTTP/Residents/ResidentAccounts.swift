/// What the residents' pages need of the installation: find a resident by the token in their
/// links, unsubscribe them, change their choices, and the choices on offer. Runtime implements it
/// over the store and the configuration; every change is audited there.
public protocol ResidentAccounts: Sendable {
    /// The areas, topics and languages a resident may choose from.
    func choices() async -> ResidentChoices
    /// The choices of the resident holding `token`, or nil when no one holds it.
    func resident(token: String) async throws -> ResidentSettings?
    /// Unsubscribes the resident holding `token` and withdraws what was still to be sent to them;
    /// false when no one holds it.
    func unsubscribe(token: String) async throws -> Bool
    /// Replaces the choices of the subscribed resident holding `token` (already checked against
    /// `choices()`); false when no subscribed resident holds it.
    func changePreferences(token: String, to settings: ResidentSettings) async throws -> Bool
}

/// A resident's choices as the preferences page shows and changes them.
public struct ResidentSettings: Sendable, Equatable {
    /// The area they live in (an id of `ResidentChoices.areas`).
    public var area: String
    /// The topics they follow; empty means every topic.
    public var topics: [String]
    /// The language of their messages (one of `ResidentChoices.languages`).
    public var language: String
    /// False once they unsubscribed: nothing is sent to them and there is nothing to change.
    public var isSubscribed: Bool

    /// Choices as given.
    public init(area: String, topics: [String], language: String, isSubscribed: Bool = true) {
        self.area = area
        self.topics = topics
        self.language = language
        self.isSubscribed = isSubscribed
    }
}

/// What a resident may choose: the configured areas and topics, and the languages the templates have.
public struct ResidentChoices: Sendable, Equatable {
    /// One area: its id and the name residents know it by.
    public struct Area: Sendable, Equatable {
        public var id: String
        public var name: String

        /// An area with `id` shown as `name`.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The areas, in configuration order.
    public var areas: [Area]
    /// The topic ids, in configuration order.
    public var topics: [String]
    /// The language codes messages can be sent in (`en` first).
    public var languages: [String]

    /// The choices on offer.
    public init(areas: [Area], topics: [String], languages: [String]) {
        self.areas = areas
        self.topics = topics
        self.languages = languages
    }
}
