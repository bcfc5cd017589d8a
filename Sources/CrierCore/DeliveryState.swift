public import Foundation

/// Where one delivery stands in its life.
public enum DeliveryState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for its next attempt time.
    case pending
    /// Claimed by a dispatcher under a lease; reclaimed by anyone once the lease expires.
    case leased
    /// The endpoint accepted it.
    case delivered
    /// Refused for good or out of retries: a dead letter, kept for `deliveries retry`.
    case dead
    /// Taken back before it was sent (its alert was cancelled or rejected).
    case withdrawn
}

/// The pure rule for what happens to a delivery after an attempt.
///
/// A value type whose event method returns the action to take; the dispatcher performs it.
public struct DeliveryStateMachine: Sendable, Equatable {
    /// What the dispatcher must do after an attempt.
    public enum Action: Sendable, Equatable {
        /// Record it delivered.
        case markDelivered
        /// Put it back to pending until `at`.
        case scheduleRetry(at: Date)
        /// Record it dead with `reason`.
        case deadLetter(reason: String)
        /// Record it dead and disable the endpoint it was for.
        case deadLetterAndDisableEndpoint(reason: String)

        /// The state the delivery is in once the action is done.
        public var resultingState: DeliveryState {
            switch self {
            case .markDelivered: .delivered
            case .scheduleRetry: .pending
            case .deadLetter, .deadLetterAndDisableEndpoint: .dead
            }
        }
    }

    /// Answered attempts so far, including the one being reported (claims that ended without an
    /// outcome, such as a crash, are not counted).
    public private(set) var attempts: Int
    public let policy: RetryPolicy

    public init(attempts: Int, policy: RetryPolicy) {
        self.attempts = attempts
        self.policy = policy
    }

    /// Reports how attempt number `attempts` ended; `unit` (0..<1) picks the jitter.
    public mutating func attemptFinished(_ outcome: DeliveryOutcome, now: Date, unit: Double) -> Action {
        switch outcome {
        case .delivered:
            return .markDelivered
        case .permanent(let reason):
            return .deadLetter(reason: reason)
        case .endpointGone(let reason):
            return .deadLetterAndDisableEndpoint(reason: reason)
        case .retry(let reason, let retryAfter):
            guard let wait = policy.delay(afterAttempt: attempts, retryAfter: retryAfter, unit: unit) else {
                return .deadLetter(reason: "gave up after \(attempts) attempts: \(reason)")
            }
            return .scheduleRetry(at: now.addingTimeInterval(wait))
        }
    }
}
