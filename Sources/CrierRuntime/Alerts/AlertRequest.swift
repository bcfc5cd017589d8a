public import CrierCore
public import CrierTemplates
public import Foundation

/// What an operator asks `crier alert` to send.
public struct AlertRequest: Sendable {
    public var template: String
    /// Area ids, or `city` for every area.
    public var areas: [String]
    /// Channels to use; all when empty.
    public var channels: Set<Channel>
    public var variables: [String: TemplateValue]
    public var status: AlertStatus
    /// Seconds from now after which the alert may no longer be approved, updated or cancelled.
    public var expiresIn: TimeInterval?
    /// Who proposes it.
    public var operatorName: String
    /// Who in the areas it reaches: everyone, unless the operator narrows it to a topic (`--topic`).
    public var audience: AudienceRule

    /// Creates a request; see the properties for each field.
    public init(
        template: String, areas: [String], channels: Set<Channel> = [], variables: [String: TemplateValue] = [:],
        status: AlertStatus = .actual, expiresIn: TimeInterval? = nil, operatorName: String,
        audience: AudienceRule = .everyone
    ) {
        self.audience = audience
        self.template = template
        self.areas = areas
        self.channels = channels
        self.variables = variables
        self.status = status
        self.expiresIn = expiresIn
        self.operatorName = operatorName
    }
}

/// What proposing an alert will do, shown to the operator before anything is committed.
public struct AlertPlan: Sendable, Encodable {
    public let preview: CompositionPreview
    /// True when an `actual` alert will wait for a second operator.
    public let needsApproval: Bool
    /// What the operator must type to confirm: the number of areas, or the status word in capitals.
    public let confirmationWord: String
}

/// The result of an alert action: which message, its state, how many deliveries it has.
public struct AlertOutcome: Sendable, Encodable, Equatable {
    public let id: String
    /// As `alerts show` names it (an `AlertPhase`): `awaiting approval`, `sending`, `sent`, ...
    public let state: String
    public let headline: String
    public let deliveries: Int
    /// Things the operator should know that did not stop the action (publishing failed, say).
    public var warnings: [String] = []

    /// Creates an outcome.
    public init(id: String, state: String, headline: String, deliveries: Int, warnings: [String] = []) {
        self.id = id
        self.state = state
        self.headline = headline
        self.deliveries = deliveries
        self.warnings = warnings
    }
}

/// What a cancellation did.
public struct CancellationOutcome: Sendable, Encodable, Equatable {
    public let id: String
    /// Deliveries of the original taken back before they were sent.
    public let withdrawn: Int
    /// The cancellation message: a notice to everyone who had received the original, or, when
    /// nobody had, the Cancel that only the public record carries (no deliveries); nil when the
    /// alert was never released.
    public let notice: AlertOutcome?
    /// Things the operator should know that did not stop the cancellation.
    public var warnings: [String] = []
}
