public import Foundation

/// One current alert as `GET /api/v1/alerts` lists it: what the published pages show as current.
public struct CurrentAlert: Sendable, Equatable, Encodable {
    /// The original alert's id (the thread's identity).
    public var id: String
    /// The newest message of the thread (the alert or its latest update).
    public var latestID: String
    /// `actual` or `exercise`.
    public var status: String
    public var template: String
    public var topic: String
    /// The area ids it concerns (`city` for every area).
    public var areas: [String]
    /// What the alert says now.
    public var headline: String
    /// Its `instruction`, when it has one.
    public var instruction: String?
    public var sent: Date
    public var updated: Date
    /// When it stops being current.
    public var expires: Date

    /// An alert from its parts.
    public init(
        id: String, latestID: String, status: String, template: String, topic: String, areas: [String],
        headline: String, instruction: String?, sent: Date, updated: Date, expires: Date
    ) {
        self.id = id
        self.latestID = latestID
        self.status = status
        self.template = template
        self.topic = topic
        self.areas = areas
        self.headline = headline
        self.instruction = instruction
        self.sent = sent
        self.updated = updated
        self.expires = expires
    }

    enum CodingKeys: String, CodingKey {
        case id, status, template, topic, areas, headline, instruction, sent, updated, expires
        case latestID = "latest_id"
    }
}

/// Lists current alerts by the publishing rules (cancelled and expired are not current; test
/// messages never listed; exercises only where the pages list them); Runtime implements it.
public protocol CurrentAlertsFeed: Sendable {
    /// Current alerts of `status` concerning `area` (every area when nil); throws `APIError` for
    /// an unknown area or status.
    func current(area: String?, status: String) async throws -> [CurrentAlert]
}
