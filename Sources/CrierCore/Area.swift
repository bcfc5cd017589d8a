/// A Neighbourhood Policing Area messages can be targeted at; `city` means every area.
public struct Area: Sendable, Hashable, Codable {
    /// Short id used in files and on the command line (`east`).
    public var id: String
    /// Display name residents see (`East NPA`).
    public var name: String
    /// CAP geocode value, when the partnership has one.
    public var geocode: String?
    /// CAP polygon (`lat,lon lat,lon ...`, first point repeated last), when known.
    public var polygon: String?

    public init(id: String, name: String, geocode: String? = nil, polygon: String? = nil) {
        self.id = id
        self.name = name
        self.geocode = geocode
        self.polygon = polygon
    }

    /// The id that targets every area.
    public static let cityID = "city"
}

/// A fixed destination of the partnership: a partner's webhook or a group mailbox.
public struct Endpoint: Sendable, Hashable, Codable {
    /// What a webhook endpoint receives.
    public enum PayloadFormat: String, Sendable, Hashable, Codable {
        case json
        case cap
    }

    public var id: String
    public var kind: Channel
    /// Webhook URL or email address.
    public var destination: String
    /// Area ids it receives (`city` = all).
    public var areas: [String]
    /// Topics it receives (`all` = every topic).
    public var topics: [String]
    public var format: PayloadFormat
    /// Environment variables holding the signing secrets (several while a key rotates).
    public var secretEnvironmentVariables: [String]
    /// Receives `test` alerts.
    public var isTestRecipient: Bool
    /// How many deliveries to it may be in flight at once.
    public var maxConcurrency: Int
    /// How the partner is addressed (an email endpoint's `To` name); its id when not given.
    public var name: String

    public init(
        id: String, kind: Channel, destination: String, areas: [String], topics: [String],
        format: PayloadFormat = .json, secretEnvironmentVariables: [String] = [], isTestRecipient: Bool = false,
        maxConcurrency: Int = 8, name: String? = nil
    ) {
        self.id = id
        self.name = name ?? id
        self.kind = kind
        self.destination = destination
        self.areas = areas
        self.topics = topics
        self.format = format
        self.secretEnvironmentVariables = secretEnvironmentVariables
        self.isTestRecipient = isTestRecipient
        self.maxConcurrency = maxConcurrency
    }

    /// True when this endpoint takes messages on `topic` (nil: any topic) for any of `targetAreas`
    /// (`city` matches all).
    public func receives(topic: String?, targetAreas: Set<String>) -> Bool {
        let topicMatches = topic.map { topics.contains("all") || topics.contains($0) } ?? true
        let areaMatches =
            areas.contains(Area.cityID) || targetAreas.contains(Area.cityID)
            || !targetAreas.isDisjoint(with: areas)
        return topicMatches && areaMatches
    }
}
