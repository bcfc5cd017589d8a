public import Foundation

/// A resident who asked for alerts: where they live, what about, in which language.
public struct Subscriber: Sendable, Equatable, Codable {
    public var id: Int64
    public var email: String
    public var name: String
    /// The Neighbourhood Policing Area they live in (`west`, `central`, `south`, `east`).
    public var area: String
    /// The topics they follow; `["all"]` for every topic.
    public var topics: [String]
    public var locale: String
    /// A test recipient: receives `test` alerts and rehearsals.
    public var isTest: Bool
    /// The secret in their unsubscribe link.
    public var unsubscribeToken: String
    public var unsubscribedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    /// The consent they gave by confirming a sign-up; nil for residents imported from a CSV.
    public var consent: SubscriberConsent?

    public init(
        id: Int64, email: String, name: String, area: String, topics: [String], locale: String, isTest: Bool,
        unsubscribeToken: String, unsubscribedAt: Date?, createdAt: Date, updatedAt: Date,
        consent: SubscriberConsent? = nil
    ) {
        self.consent = consent
        self.id = id
        self.email = email
        self.name = name
        self.area = area
        self.topics = topics
        self.locale = locale
        self.isTest = isTest
        self.unsubscribeToken = unsubscribeToken
        self.unsubscribedAt = unsubscribedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// True when they follow `topic` (or every topic).
    public func follows(_ topic: String) -> Bool { topics.contains(Subscriber.allTopics) || topics.contains(topic) }

    /// The `topics` value meaning every topic.
    public static let allTopics = "all"
}

/// One subscriber as an import file gives it; the email address is the identity.
public struct SubscriberInput: Sendable, Equatable {
    public var email: String
    public var name: String
    public var area: String
    /// Topics followed; empty or containing `all` means every topic.
    public var topics: [String]
    public var locale: String
    public var isTest: Bool

    public init(
        email: String, name: String = "", area: String, topics: [String] = [], locale: String = "en",
        isTest: Bool = false
    ) {
        self.email = email
        self.name = name
        self.area = area
        self.topics = topics
        self.locale = locale
        self.isTest = isTest
    }
}

/// Which subscribers an alert reaches: by area, topic and whether only test recipients.
public struct SubscriberAudience: Sendable, Equatable {
    /// The areas to reach; nil reaches every area.
    public var areas: Set<String>?
    /// The topic they must follow; nil reaches them whatever they follow.
    public var topic: String?
    /// Only subscribers marked as test recipients.
    public var testOnly: Bool

    public init(areas: Set<String>?, topic: String?, testOnly: Bool = false) {
        self.areas = areas
        self.topic = topic
        self.testOnly = testOnly
    }
}

/// Everything the outbox holds about one person, for a subject access request.
public struct SubscriberExport: Sendable, Equatable, Codable {
    public var subscriber: Subscriber?
    public var deliveries: [DeliveryRecordExport]
}

/// One delivery to the person, with the attempts made.
public struct DeliveryRecordExport: Sendable, Equatable, Codable {
    public var id: Int64
    public var messageID: String
    public var channel: String
    public var destination: String
    public var state: String
    public var createdAt: Date
    public var updatedAt: Date
    public var attempts: [AttemptLogEntry]
}
