public import Foundation
internal import GRDB

/// Why an address is on the suppression list.
public enum SuppressionReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The person followed an unsubscribe link.
    case unsubscribed
    /// An operator erased the person; only the address's hash is kept.
    case forgotten
    /// Their mail server said the address does not exist (or refused it for good).
    case hardBounce = "hard-bounce"
    /// They reported a message as spam.
    case complaint
    /// Their mail server deferred our messages too often (see the soft-bounce rule).
    case softBounces = "soft-bounces"
}

/// An address that is not subscribed again, by import or sign-up, without the person's own
/// confirmation: what `crier subscribers suppressed` lists.
public struct Suppression: Sendable, Equatable, Codable {
    /// `sha256:` and the hex digest of the lowercased address.
    public var addressHash: String
    /// The address; nil for a forgotten person.
    public var email: String?
    public var reason: SuppressionReason
    /// What reported it (a bounce's reason and source), empty when nothing more is known.
    public var detail: String
    public var suppressedAt: Date
}

extension SQLiteOutbox {
    /// Every suppressed address, oldest first.
    public func suppressions() throws -> [Suppression] {
        try read("list suppressed addresses") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM suppressions ORDER BY suppressed_at, address_hash")
                .map(Self.suppression)
        }
    }

    /// The suppression of `email`, if it is suppressed (matched by hash, so forgotten people too).
    public func suppression(email: String) throws -> Suppression? {
        try read("read a suppression") { db in try Self.suppression(hash: Self.addressHash(email), db) }
    }

    /// Every suppression by address hash: what an import checks each row against.
    public func suppressionsByHash() throws -> [String: Suppression] {
        try read("read the suppression list") { db in
            var byHash: [String: Suppression] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM suppressions") {
                let entry = Self.suppression(row)
                byHash[entry.addressHash] = entry
            }
            return byHash
        }
    }

    /// How many addresses are suppressed, by reason (reasons with none are absent).
    public func suppressionCounts() throws -> [SuppressionReason: Int] {
        try read("count suppressed addresses") { db in
            var counts: [SuppressionReason: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT reason, COUNT(*) AS n FROM suppressions GROUP BY reason") {
                if let reason = SuppressionReason(rawValue: row["reason"]) { counts[reason] = row["n"] }
            }
            return counts
        }
    }

    /// Puts `email` on the suppression list unless it is already there (the first reason stands).
    /// Forgetting is the exception: it replaces any row, leaving only the hash.
    static func suppress(
        _ db: Database, email: String, reason: SuppressionReason, detail: String = "", at: Date
    ) throws {
        let hash = addressHash(email)
        if reason == .forgotten {
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO suppressions (address_hash, email, reason, detail, suppressed_at)
                    VALUES (?, NULL, 'forgotten', '', ?)
                    """,
                arguments: [hash, at.unixSeconds])
        } else {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO suppressions (address_hash, email, reason, detail, suppressed_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [hash, email, reason.rawValue, detail, at.unixSeconds])
        }
    }

    /// Takes `email` off the suppression list (the person confirmed a new sign-up).
    static func liftSuppression(_ db: Database, email: String) throws {
        try db.execute(sql: "DELETE FROM suppressions WHERE address_hash = ?", arguments: [addressHash(email)])
    }

    static func suppression(hash: String, _ db: Database) throws -> Suppression? {
        try Row.fetchOne(db, sql: "SELECT * FROM suppressions WHERE address_hash = ?", arguments: [hash])
            .map(suppression)
    }

    static func suppression(_ row: Row) -> Suppression {
        let reason: String = row["reason"]
        return Suppression(
            addressHash: row["address_hash"], email: row["email"],
            reason: SuppressionReason(rawValue: reason) ?? .unsubscribed, detail: row["detail"],
            suppressedAt: Date(unixSeconds: row["suppressed_at"]))
    }
}
