public import CrierCore
import Foundation
internal import GRDB

/// What writing one resident for a partner did.
public enum SubscriberPut: Sendable, Equatable {
    /// A new resident, active, with the consent the partner vouched for.
    case created(Subscriber)
    /// An existing resident, changed as asked.
    case updated(Subscriber)
    /// An existing resident already as asked: nothing written.
    case unchanged(Subscriber)
    /// The address is suppressed (unsubscribed, forgotten, bounced, complained): nothing written;
    /// only the person's own confirmation of a new sign-up lifts it.
    case suppressed(SuppressionReason)
}

extension SQLiteOutbox {
    /// Creates or updates the resident at `input.email` (matched case-insensitively) with its audit
    /// line, in one transaction. A new resident records `consent`; an existing one keeps their
    /// token, consent and, when `name` is nil, their name. A suppressed or unsubscribed address is
    /// left alone. `audit` receives whether the resident is new.
    public func putSubscriber(
        _ input: SubscriberInput, keepingNameWhenNil name: String?, consent: SubscriberConsent,
        audit: (Bool) -> AuditEntry
    ) throws -> SubscriberPut {
        let now = consent.at
        return try write("write a subscriber") { db in
            if let found = try Self.suppression(hash: Self.addressHash(input.email), db) {
                return .suppressed(found.reason)
            }
            let topics = Self.storedTopics(input.topics)
            if let row = try Row.fetchOne(
                db, sql: "SELECT * FROM subscribers WHERE email = ?", arguments: [input.email])
            {
                let existing = subscriber(row)
                guard existing.unsubscribedAt == nil else { return .suppressed(.unsubscribed) }
                let newName = name ?? existing.name
                let storedNow: String = row["topics"]
                if existing.area == input.area && storedNow == topics && existing.locale == input.locale
                    && existing.name == newName
                {
                    return .unchanged(existing)
                }
                try db.execute(
                    sql: """
                        UPDATE subscribers SET name = ?, area = ?, topics = ?, locale = ?, updated_at = ?
                        WHERE id = ?
                        """,
                    arguments: [newName, input.area, topics, input.locale, now.unixSeconds, existing.id])
                try insertAudit(audit(false), db)
                var updated = existing
                updated.name = newName
                updated.area = input.area
                updated.topics = topics.split(separator: ";").map(String.init)
                updated.locale = input.locale
                updated.updatedAt = now
                return .updated(updated)
            }
            var tokens = RandomTokenGenerator()
            let token = tokens.unsubscribeToken()
            try db.execute(
                sql: """
                    INSERT INTO subscribers (email, name, area, topics, locale, is_test, unsubscribe_token,
                        unsubscribe_token_hash, created_at, updated_at, consent_at, consent_source, consent_wording)
                    VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    input.email, name ?? "", input.area, topics, input.locale, token, Self.unsubscribeTokenHash(token),
                    now.unixSeconds, now.unixSeconds, now.unixSeconds, consent.source, consent.wordingVersion,
                ])
            try insertAudit(audit(true), db)
            return .created(
                Subscriber(
                    id: db.lastInsertedRowID, email: input.email, name: name ?? "", area: input.area,
                    topics: topics.split(separator: ";").map(String.init), locale: input.locale, isTest: false,
                    unsubscribeToken: token, unsubscribedAt: nil, createdAt: now, updatedAt: now, consent: consent))
        }
    }
}
