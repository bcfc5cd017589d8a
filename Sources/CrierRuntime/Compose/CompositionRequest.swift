public import CrierCore
public import CrierTemplates
public import Foundation

/// What to say, to whom: the one input every way of sending (schedule, alert, update, cancel) gives the composer.
public struct CompositionRequest: Sendable {
    public var template: String
    /// Area ids, or `city` for every area.
    public var areas: [String]
    /// Which channels to use; all when empty.
    public var channels: Set<Channel>
    public var variables: [String: TemplateValue]
    public var status: AlertStatus
    public var kind: MessageKind
    public var priority: Priority
    /// The message this one updates or cancels.
    public var references: String?
    /// Who asked for it: an operator's name, or `schedule:<id>`.
    public var proposedBy: String
    public var expiresAt: Date?
    /// The message's lifecycle state when written: `queued`, or `awaiting_approval` (deliveries held).
    public var state: String
    /// The CAP urgency, severity and certainty to send with, when not the template's (scheduled reminders).
    public var cap: CAPClassification?

    public init(
        template: String, areas: [String], channels: Set<Channel> = [], variables: [String: TemplateValue] = [:],
        status: AlertStatus = .actual, kind: MessageKind = .alert, priority: Priority = .normal,
        references: String? = nil,
        proposedBy: String, expiresAt: Date? = nil, state: String = MessageState.queued,
        cap: CAPClassification? = nil
    ) {
        self.template = template
        self.areas = areas
        self.channels = channels
        self.variables = variables
        self.status = status
        self.kind = kind
        self.priority = priority
        self.references = references
        self.proposedBy = proposedBy
        self.expiresAt = expiresAt
        self.state = state
        self.cap = cap
    }
}

/// The lifecycle states a message goes through.
public enum MessageState {
    public static let queued = "queued"
    public static let awaitingApproval = "awaiting_approval"
    public static let sending = "sending"
    public static let sent = "sent"
    public static let cancelled = "cancelled"
    public static let rejected = "rejected"
}

/// What a composition will do, shown before anything is committed (`crier alert`, `crier plan`).
public struct CompositionPreview: Sendable, Encodable {
    public let template: String
    public let topic: String
    public let areas: [String]
    public let areaNames: [String]
    public let status: String
    public let subject: String
    public let subscribers: Int
    public let endpoints: [String]
    public let locales: [String]
}

/// A message written to the outbox.
public struct ComposedMessage: Sendable, Encodable, Equatable {
    public let id: String
    public let headline: String
    public let deliveries: Int
}
