public import CrierCore
import Crypto
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// What `unsubscribe_token_hash` holds for `token`: its SHA-256 digest (32 bytes).
    ///
    /// Residents are found by this hash, never by the token itself, so the lookup's index answers in
    /// the same time for a token it holds and one it does not, whatever their characters.
    public static func unsubscribeTokenHash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    /// The id of the subscriber holding `token`, or nil: found by the token's hash, then the stored
    /// token compared with the given one in constant time.
    static func subscriberID(holding token: String, _ db: Database) throws -> Int64? {
        let row = try Row.fetchOne(
            db, sql: "SELECT id, unsubscribe_token FROM subscribers WHERE unsubscribe_token_hash = ?",
            arguments: [unsubscribeTokenHash(token)])
        guard let row else { return nil }
        let stored: String = row["unsubscribe_token"]
        return ConstantTime.equal(token, stored) ? row["id"] : nil
    }

    /// The subscriber holding `token` (unsubscribed ones included), or nil.
    public func subscriber(token: String) throws -> Subscriber? {
        try read("read a subscriber by token") { db in
            guard let id = try Self.subscriberID(holding: token, db) else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM subscribers WHERE id = ?", arguments: [id])
                .map(subscriber)
        }
    }

    /// Changes the area, topics and language of the subscribed person holding `token`, and appends
    /// `audit` in the same transaction; false (and nothing written) if no one subscribed holds it.
    /// Inputs are written as given: the caller has checked them against the configuration.
    @discardableResult
    public func updatePreferences(
        token: String, area: String, topics: [String], locale: String, now: Date, audit: AuditEntry? = nil
    ) throws -> Bool {
        try write("change a subscriber's preferences") { db in
            guard let id = try Self.subscriberID(holding: token, db) else { return false }
            try db.execute(
                sql: """
                    UPDATE subscribers SET area = :area, topics = :topics, locale = :locale, updated_at = :now
                    WHERE id = :id AND unsubscribed_at IS NULL
                    """,
                arguments: [
                    "area": area, "topics": Self.storedTopics(topics), "locale": locale, "now": now.unixSeconds,
                    "id": id,
                ])
            guard db.changesCount == 1 else { return false }
            if let audit { try insertAudit(audit, db) }
            return true
        }
    }

    /// Fills `unsubscribe_token_hash` for every subscriber (migration `v10-subscriber-token-hash`).
    static func backfillUnsubscribeTokenHashes(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, unsubscribe_token FROM subscribers")
        let update = try db.makeStatement(sql: "UPDATE subscribers SET unsubscribe_token_hash = ? WHERE id = ?")
        for row in rows {
            let token: String = row["unsubscribe_token"]
            let id: Int64 = row["id"]
            try update.execute(arguments: [unsubscribeTokenHash(token), id])
        }
    }
}
