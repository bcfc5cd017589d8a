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

    /// Creates a request; see the properties for each field.
    public init(
        template: String, areas: [String], channels: Set<Channel> = [], variables: [String: TemplateValue] = [:],
        status: AlertStatus = .actual, expiresIn: TimeInterval? = nil, operatorName: String
    ) {
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
    /// As `alerts show` names it: `awaiting approval`, `sending`, `sent`, `cancelled`, `rejected`.
    public let state: String
    public let headline: String
    public let deliveries: Int
}

/// What a cancellation did.
public struct CancellationOutcome: Sendable, Encodable, Equatable {
    public let id: String
    /// Deliveries of the original taken back before they were sent.
    public let withdrawn: Int
    /// The cancellation notice, when anybody had received the original.
    public let notice: AlertOutcome?
}
