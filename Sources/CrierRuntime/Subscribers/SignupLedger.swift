import CrierCore
import CrierStore
import Foundation

/// What the sign-up, bounce and suppression desks need of the store: sign-up requests and their
/// confirmation emails, bounces, and the suppression list.
protocol SignupLedger: Sendable {
    /// Records a request and its confirmation email in one transaction; false (nothing written)
    /// when the address already has `maxPending` unexpired requests.
    func recordSignup(
        _ request: SignupRequest, tokenHash: String, expiresAt: Date, notice: NoticeMessage, maxPending: Int, now: Date
    ) async throws -> Bool
    /// The unexpired request whose token hashes to `tokenHash`.
    func pendingSignup(tokenHash: String, now: Date) throws -> SignupRequest?
    /// Makes the request's subscription active; nil when no unexpired request has that token.
    func confirmSignup(tokenHash: String, now: Date) throws -> Subscriber?
    /// Deletes expired requests.
    func purgeExpiredSignups(now: Date) throws -> Int
    /// Requests waiting for their confirmation.
    func pendingSignupCount(now: Date) throws -> Int
    /// Records a bounce and applies the suppression rule.
    func recordBounce(_ report: BounceReport, softRule: SoftBounceRule, now: Date) throws -> BounceOutcome
    /// Bounces recorded, by kind.
    func bounceCounts() throws -> [BounceKind: Int]
    /// Every suppressed address, oldest first.
    func suppressions() throws -> [Suppression]
    /// Suppressed addresses by hash, for checking an import.
    func suppressionsByHash() throws -> [String: Suppression]
    /// Suppressed addresses, by reason.
    func suppressionCounts() throws -> [SuppressionReason: Int]
}

extension SQLiteOutbox: SignupLedger {}
