public import CrierCore
public import Foundation

/// How many of an alert's deliveries on one channel are delivered, still to go, dead or withdrawn.
public struct ChannelCounts: Sendable, Encodable, Equatable {
    public var channel: String
    public var delivered = 0
    /// Pending or on the wire (leased); held ones awaiting approval count here too.
    public var pending = 0
    public var dead = 0
    public var withdrawn = 0

    /// Counts for `channel` from a state table.
    public init(channel: Channel, states: [DeliveryState: Int]) {
        self.channel = channel.rawValue
        for (state, count) in states {
            switch state {
            case .delivered: delivered += count
            case .pending, .leased: pending += count
            case .dead: dead += count
            case .withdrawn: withdrawn += count
            }
        }
    }

    /// Every delivery on this channel.
    public var total: Int { delivered + pending + dead + withdrawn }
}

/// One alert in `crier alerts list`.
public struct AlertSummary: Sendable, Encodable, Equatable {
    public let id: String
    /// `alert`, `update` or `cancel`.
    public let kind: String
    public let status: String
    public let state: String
    public let headline: String
    public let areas: [String]
    public let proposedBy: String
    public let createdAt: Date
    public let expiresAt: Date?
    /// The alert an update or cancellation refers to.
    public let references: String?
    public let channels: [ChannelCounts]

    /// Delivered, pending and dead over every channel.
    public var totals: (delivered: Int, pending: Int, dead: Int) {
        channels.reduce((0, 0, 0)) { ($0.0 + $1.delivered, $0.1 + $1.pending, $0.2 + $1.dead) }
    }
}

/// What an alert says, as its recipients will read it: what an approver must see before approving.
public struct AlertContent: Sendable, Encodable, Equatable {
    /// The subject of the default-language email (the headline).
    public let subject: String
    /// The plain-text email body as sent, with each resident's own details shown as placeholders.
    public let textBody: String
    /// The languages it was rendered in.
    public let locales: [String]
    /// The template variables it was composed with.
    public let variables: [String: String]
}

/// One alert in detail for `crier alerts show`: its summary, content, related messages and audit timeline.
public struct AlertReport: Sendable, Encodable, Equatable {
    public let alert: AlertSummary
    public let template: String
    public let content: AlertContent
    /// Updates and cancellation notices that refer to it.
    public let related: [AlertSummary]
    /// Audit lines about it and its related messages, oldest first.
    public let timeline: [AuditEntry]
}

/// Where an alert's delivery stands, for `--wait`.
public struct AlertProgress: Sendable, Equatable {
    public let state: String
    public let channels: [ChannelCounts]

    /// Nothing left to send (or nothing will be sent until approval).
    public var isSettled: Bool {
        state == AlertPhase.awaitingApproval.rawValue || channels.allSatisfy { $0.pending == 0 }
    }

    /// Deliveries that failed for good.
    public var dead: Int { channels.reduce(0) { $0 + $1.dead } }
}
