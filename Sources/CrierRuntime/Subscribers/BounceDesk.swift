import CrierCore
import CrierDelivery
import CrierStore
public import Foundation

/// Bounces and complaints, from a partner's API call or the bounce mailbox: each is recorded,
/// and the suppression rule applied, so an address that cannot or must not receive mail stops
/// getting it and is not re-subscribed by a later import.
///
/// | report | effect |
/// |---|---|
/// | hard bounce | suppressed at once |
/// | complaint | suppressed at once |
/// | soft bounce | suppressed at the 3rd within 14 days |
public struct BounceDesk: Sendable {
    /// The soft-bounce rule: 3 within 14 days.
    public static let softBounceLimit = 3
    public static let softBounceWindow: TimeInterval = 14 * 24 * 3600
    static let softRule = SoftBounceRule(limit: softBounceLimit, window: softBounceWindow)

    let system: CrierSystem

    /// The store, in the one role this desk uses.
    var ledger: any SignupLedger { system.outbox }

    /// A desk over `system`'s subscribers.
    public init(system: CrierSystem) {
        self.system = system
    }

    /// Records one bounce of `kind` (`hard`, `soft` or `complaint`) reported by `source`; throws
    /// `BounceError` naming each bad field.
    public func record(email: String, kind: String, reason: String, source: String) throws -> RecordedBounce {
        var problems: [SignupError.Problem] = []
        let address = email.trimmingCharacters(in: .whitespaces)
        do {
            try EmailAddress.validate(address: address, field: "email")
        } catch {
            problems.append(.init(field: "email", message: "not a valid email address: \(error.reason)"))
        }
        let parsed = BounceKind(rawValue: kind)
        if parsed == nil {
            problems.append(
                .init(field: "kind", message: "\"\(InputText.terminalSafe(kind))\" is not hard, soft or complaint"))
        }
        if reason.count > 1_000 || InputText.problem(in: reason) != nil {
            problems.append(.init(field: "reason", message: "must be at most 1,000 printable characters"))
        }
        guard let parsed, problems.isEmpty else { throw BounceError(problems: problems) }
        return try record(BounceReport(email: address, kind: parsed, reason: reason, source: source))
    }

    func record(_ report: BounceReport) throws -> RecordedBounce {
        let outcome = try ledger.recordBounce(report, softRule: Self.softRule, now: system.clock.now())
        return RecordedBounce(
            email: report.email, kind: report.kind.rawValue, reason: report.reason,
            suppressed: outcome.suppressed?.rawValue, recentSoftBounces: outcome.recentSoftBounces)
    }

    /// Bounces recorded and addresses suppressed, by kind and reason, for `crier status`.
    public func counts() throws -> BounceCounts {
        let bounces = try ledger.bounceCounts()
        let suppressions = try ledger.suppressionCounts()
        return BounceCounts(
            bounces: Dictionary(uniqueKeysWithValues: BounceKind.allCases.map { ($0.rawValue, bounces[$0] ?? 0) }),
            suppressions: Dictionary(
                uniqueKeysWithValues: SuppressionReason.allCases.map { ($0.rawValue, suppressions[$0] ?? 0) }),
            pendingSignups: try ledger.pendingSignupCount(now: system.clock.now()))
    }
}

/// What recording one bounce did.
public struct RecordedBounce: Sendable, Equatable, Encodable {
    public let email: String
    public let kind: String
    public let reason: String
    /// Why the address is now suppressed (`hard-bounce`, `complaint`, `soft-bounces`, or an earlier
    /// reason); nil when it is not.
    public let suppressed: String?
    /// Soft bounces of the address within the last 14 days, this one included.
    public let recentSoftBounces: Int
}

/// Bounce and suppression totals, by kind and reason (every kind and reason present, zero or not).
public struct BounceCounts: Sendable, Equatable, Encodable {
    public let bounces: [String: Int]
    public let suppressions: [String: Int]
    /// Sign-ups waiting for their confirmation.
    public let pendingSignups: Int

    /// Every bounce recorded.
    public var totalBounces: Int { bounces.values.reduce(0, +) }
    /// Every suppressed address.
    public var totalSuppressions: Int { suppressions.values.reduce(0, +) }
}

/// Why a bounce report was refused, naming each bad field.
public struct BounceError: BadInput, Equatable {
    public let problems: [SignupError.Problem]

    public var description: String {
        "bounce refused: " + problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
}
