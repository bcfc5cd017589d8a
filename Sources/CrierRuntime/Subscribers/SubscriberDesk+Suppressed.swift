import CrierStore
public import Foundation

extension SubscriberDesk {
    /// The suppression list, oldest first: addresses (or, for forgotten people, hashes) that an
    /// import or sign-up does not subscribe again without the person's own confirmation.
    public func suppressed() throws -> [SuppressedAddress] {
        try (system.outbox as any SignupLedger).suppressions().map(SuppressedAddress.init)
    }
}

/// One suppressed address, as `crier subscribers suppressed` shows it.
public struct SuppressedAddress: Sendable, Equatable, Encodable {
    /// The address; nil for a forgotten person.
    public let email: String?
    /// `sha256:` and the hex digest of the lowercased address.
    public let hash: String
    /// `unsubscribed`, `forgotten`, `hard-bounce`, `complaint` or `soft-bounces`.
    public let reason: String
    public let detail: String
    public let since: Date

    init(_ suppression: Suppression) {
        email = suppression.email
        hash = suppression.addressHash
        reason = suppression.reason.rawValue
        detail = suppression.detail
        since = suppression.suppressedAt
    }
}
