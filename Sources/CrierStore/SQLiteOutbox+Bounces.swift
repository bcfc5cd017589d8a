internal import CrierCore
public import Foundation
internal import GRDB

/// What a mail server (or a partner relaying it) said about an address.
public enum BounceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Permanent failure (RFC 3464 `Action: failed`, status 5.x.x).
    case hard
    /// Temporary failure (`Action: delayed`, or status 4.x.x).
    case soft
    /// The person reported a message as spam.
    case complaint
}

/// One bounce or complaint as it was reported.
public struct BounceReport: Sendable, Equatable {
    public var email: String
    public var kind: BounceKind
    /// The server's words (a DSN's status and diagnostic, or the partner's reason).
    public var reason: String
    /// Who reported it: `partner ID`, or `maildir FILE`.
    public var source: String

    public init(email: String, kind: BounceKind, reason: String, source: String) {
        self.email = email
        self.kind = kind
        self.reason = reason
        self.source = source
    }
}

/// The rule for soft bounces: the address is suppressed when `limit` arrive within `window`.
public struct SoftBounceRule: Sendable, Equatable {
    public var limit: Int
    public var window: TimeInterval

    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }
}

/// What recording a bounce did.
public struct BounceOutcome: Sendable, Equatable {
    /// Why the address is now suppressed; nil when it is not (a soft bounce under the limit).
    public var suppressed: SuppressionReason?
    /// Soft bounces of the address within the rule's window, this one included.
    public var recentSoftBounces: Int
}

extension SQLiteOutbox {
    /// Records a bounce and applies the rule: a hard bounce or a complaint suppresses the address
    /// at once, a soft one when `softRule.limit` arrived within its window. Suppressing also marks
    /// the resident unsubscribed and withdraws what still waits to be sent to them, with an audit line.
    public func recordBounce(_ report: BounceReport, softRule: SoftBounceRule, now: Date) throws -> BounceOutcome {
        try write("record a bounce") { db in
            let hash = Self.addressHash(report.email)
            try db.execute(
                sql: """
                    INSERT INTO bounces (address_hash, email, kind, reason, source, received_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [hash, report.email, report.kind.rawValue, report.reason, report.source, now.unixSeconds])
            let soft =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM bounces WHERE address_hash = ? AND kind = 'soft' AND received_at > ?
                        """,
                    arguments: [hash, now.addingTimeInterval(-softRule.window).unixSeconds]) ?? 0
            let reason: SuppressionReason?
            switch report.kind {
            case .hard: reason = .hardBounce
            case .complaint: reason = .complaint
            case .soft: reason = soft >= softRule.limit ? .softBounces : nil
            }
            guard let reason else { return BounceOutcome(suppressed: nil, recentSoftBounces: soft) }
            let detail = "\(report.source): \(report.reason)"
            if let existing = try Self.suppression(hash: hash, db) {
                return BounceOutcome(suppressed: existing.reason, recentSoftBounces: soft)
            }
            try Self.suppress(db, email: report.email, reason: reason, detail: detail, at: now)
            if let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM subscribers WHERE email = ?", arguments: [report.email])
            {
                try Self.markUnsubscribed(db, subscriberID: id, at: now)
            }
            try insertAudit(
                AuditEntry(
                    at: now, actor: report.source, action: "subscribers-suppress", subject: report.email,
                    detail: "\(reason.rawValue): \(report.reason)"), db)
            return BounceOutcome(suppressed: reason, recentSoftBounces: soft)
        }
    }

    /// How many bounces were recorded, by kind (kinds with none are absent).
    public func bounceCounts() throws -> [BounceKind: Int] {
        try read("count bounces") { db in
            var counts: [BounceKind: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM bounces GROUP BY kind") {
                if let kind = BounceKind(rawValue: row["kind"]) { counts[kind] = row["n"] }
            }
            return counts
        }
    }
}
