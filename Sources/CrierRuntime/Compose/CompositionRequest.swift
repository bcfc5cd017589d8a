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
    /// The message's lifecycle state when written: `queued`, or `awaitingApproval` (deliveries held).
    public var state: MessageState
    /// Which residents and endpoints of the areas it reaches.
    public var audience: AudienceRule
    /// For an update: the variables it corrects.
    public var changes: [String]
    /// Values that differ by locale (a cancellation quotes the headline each recipient received),
    /// laid over `variables` when rendering that locale.
    public var localizedVariables: [String: [String: TemplateValue]] = [:]

    /// The variables for rendering `locale`.
    func variables(for locale: String) -> [String: TemplateValue] {
        guard let local = localizedVariables[locale] else { return variables }
        return variables.merging(local) { _, localised in localised }
    }
    /// The CAP urgency, severity and certainty to send with, when not the template's (scheduled reminders).
    public var cap: CAPClassification?
    /// The news items a bulletin carries: marked as carried when its slot is recorded, so no later
    /// bulletin repeats them.
    public var bulletinItems: [Int64] = []

    public init(
        template: String, areas: [String], channels: Set<Channel> = [], variables: [String: TemplateValue] = [:],
        status: AlertStatus = .actual, kind: MessageKind = .alert, priority: Priority = .normal,
        references: String? = nil,
        proposedBy: String, expiresAt: Date? = nil, state: MessageState = .queued,
        audience: AudienceRule = .templateTopic, changes: [String] = [], cap: CAPClassification? = nil
    ) {
        self.audience = audience
        self.changes = changes
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

/// What a composition will do, shown before anything is committed (`crier alert`, `crier plan`).
public struct CompositionPreview: Sendable, Encodable {
    public let template: String
    public let topic: String
    public let areas: [String]
    public let areaNames: [String]
    public let status: String
    /// Who it reaches, in words (`every resident and endpoint of the areas, whatever their topics`).
    public let audience: String
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
