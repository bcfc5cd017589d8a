public import Foundation

/// How one channel's deliveries of a message stand, with its latest failure and next retry.
public struct DeliveryChannelProgress: Sendable, Equatable {
    public var channel: Channel
    public var delivered = 0
    /// Pending and not yet tried, or on the wire now.
    public var sending = 0
    /// Pending after at least one failed attempt, waiting for their next try.
    public var retrying = 0
    public var dead = 0
    public var withdrawn = 0
    /// The most recently recorded failure of a delivery still retrying or dead.
    public var lastError: String?
    /// When the earliest retry is due.
    public var nextRetryAt: Date?

    public init(channel: Channel) {
        self.channel = channel
    }

    /// Deliveries not withdrawn.
    public var total: Int { delivered + sending + retrying + dead }
}
