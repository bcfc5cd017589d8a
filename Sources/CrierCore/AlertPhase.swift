public import Foundation

/// Where an alert stands as operators read it: its lifecycle state, with a released message's
/// `sending` or `sent` read from its deliveries and an unapproved one past its expiry shown as expired.
public enum AlertPhase: String, Sendable, Hashable, Codable, CaseIterable {
    case awaitingApproval = "awaiting approval"
    case rejected
    /// Released, with deliveries still due or on the wire.
    case sending
    /// Released, and nothing left to deliver.
    case sent
    /// A correction was released after it.
    case superseded
    case cancelled
    /// Never approved, and past its expiry.
    case expired

    /// The phase of a message in `state` with `pendingDeliveries` still to go, at `now`.
    public init(state: MessageState, expiresAt: Date?, pendingDeliveries: Int, now: Date) {
        switch state {
        case .awaitingApproval:
            self = expiresAt.map { $0 <= now } == true ? .expired : .awaitingApproval
        case .rejected: self = .rejected
        case .cancelled: self = .cancelled
        case .expired: self = .expired
        case .superseded: self = pendingDeliveries > 0 ? .sending : .superseded
        case .queued: self = pendingDeliveries > 0 ? .sending : .sent
        }
    }
}
