/// A partner's request to create or update one resident (`PUT /api/v1/subscribers/{email}`).
public struct PartnerSubscriberRequest: Sendable, Equatable {
    /// The address from the path, percent-decoded.
    public var email: String
    public var area: String
    /// Topics followed; `["all"]` for every topic.
    public var topics: [String]
    /// A BCP 47 tag (`en`, `pl`, `gu-IN`).
    public var language: String
    public var name: String?

    /// A request from its parts.
    public init(email: String, area: String, topics: [String], language: String, name: String?) {
        self.email = email
        self.area = area
        self.topics = topics
        self.language = language
        self.name = name
    }
}

/// A resident as the partner API shows them: no token, no delivery history.
public struct PartnerSubscriberView: Sendable, Equatable, Encodable {
    public var email: String
    public var area: String
    public var topics: [String]
    public var language: String
    public var name: String
    /// `active`, or `pending` while a confirmation email waits to be followed.
    public var status: String

    /// A view from its parts.
    public init(email: String, area: String, topics: [String], language: String, name: String, status: String) {
        self.email = email
        self.area = area
        self.topics = topics
        self.language = language
        self.name = name
        self.status = status
    }
}

/// What a `PUT` did: a resident created (201), an existing one updated or left as it was (200),
/// or a sign-up waiting for the person to confirm it by email (202).
public struct PartnerSubscriberOutcome: Sendable, Equatable {
    /// The three answers.
    public enum Kind: Sendable, Equatable {
        case created
        case updated
        case pending
    }

    public var kind: Kind
    public var subscriber: PartnerSubscriberView

    /// An outcome from its parts.
    public init(_ kind: Kind, subscriber: PartnerSubscriberView) {
        self.kind = kind
        self.subscriber = subscriber
    }
}

/// The residents a partner may create, update and unsubscribe; Runtime implements it over the
/// subscribers store, checking every field and auditing each change as `partner <id>`.
public protocol PartnerSubscriberDesk: Sendable {
    /// Creates or updates the resident `request` names, as `partner` asks; throws `APIError`.
    func put(_ request: PartnerSubscriberRequest, by partner: PartnerCredential) async throws
        -> PartnerSubscriberOutcome
    /// Unsubscribes the resident at `email` (kept on the suppression list); false when unknown.
    func remove(email: String, by partner: PartnerCredential) async throws -> Bool
}
