public import CrierCore
internal import Crypto
public import Foundation
internal import GRDB

/// The consent a subscriber gave: when, through what (a web form, a partner), and which wording
/// of the consent statement they were shown.
public struct SubscriberConsent: Sendable, Equatable, Codable {
    public var at: Date
    /// Where the sign-up came from: `web form`, or `partner ID` for a partner's API call.
    public var source: String
    /// The version of the consent statement shown to them.
    public var wordingVersion: String

    public init(at: Date, source: String, wordingVersion: String) {
        self.at = at
        self.source = source
        self.wordingVersion = wordingVersion
    }
}

/// A sign-up waiting for its confirmation: what the person asked for, and through what.
public struct SignupRequest: Sendable, Equatable {
    public var email: String
    public var area: String
    /// Topics followed; `["all"]` for every topic.
    public var topics: [String]
    public var locale: String
    public var source: String
    public var wordingVersion: String

    public init(email: String, area: String, topics: [String], locale: String, source: String, wordingVersion: String) {
        self.email = email
        self.area = area
        self.topics = topics
        self.locale = locale
        self.source = source
        self.wordingVersion = wordingVersion
    }
}

/// A message that is not an alert (a sign-up confirmation), sent through the outbox to one address.
/// It is never released to the public: history, feeds, pages and bulletins leave it out.
public struct NoticeMessage: Sendable, Equatable {
    public var id: String
    /// The template it was rendered from.
    public var template: String
    public var headline: String
    /// Its email rendition (one locale).
    public var rendition: Rendition
    /// The one delivery: an email to the address that asked.
    public var delivery: NewDelivery

    public init(id: String, template: String, headline: String, rendition: Rendition, delivery: NewDelivery) {
        self.id = id
        self.template = template
        self.headline = headline
        self.rendition = rendition
        self.delivery = delivery
    }
}

extension SQLiteOutbox {
    /// Records a sign-up request under the hash of its link's token, with its confirmation email,
    /// in one transaction. Writes nothing and returns false when the address already has
    /// `maxPending` unexpired requests (so a form cannot be used to flood someone's inbox).
    public func recordSignup(
        _ request: SignupRequest, tokenHash: String, expiresAt: Date, notice: NoticeMessage, maxPending: Int,
        now: Date
    ) async throws -> Bool {
        try await write("record a sign-up") { db in
            let pending =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM signups WHERE email = ? AND expires_at > ?",
                    arguments: [request.email, now.unixSeconds]) ?? 0
            guard pending < maxPending else { return false }
            try Self.insertNotice(db, notice, now: now)
            try db.execute(
                sql: """
                    INSERT INTO signups (token_hash, email, area, topics, locale, source, wording_version, message_id,
                        requested_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    tokenHash, request.email, request.area, Self.storedTopics(request.topics), request.locale,
                    request.source, request.wordingVersion, notice.id, now.unixSeconds, expiresAt.unixSeconds,
                ])
            return true
        }
    }

    /// The unexpired sign-up request whose token hashes to `tokenHash`, or nil.
    public func pendingSignup(tokenHash: String, now: Date) throws -> SignupRequest? {
        try read("read a sign-up") { db in try Self.pendingSignup(db, tokenHash: tokenHash, now: now) }
    }

    /// Confirms the sign-up whose token hashes to `tokenHash`: creates the subscriber (or updates
    /// and re-activates the one at that address) with the consent given, lifts any suppression of
    /// the address and drops every request for it, in one transaction with an audit line. Nil
    /// when no unexpired request has that token.
    public func confirmSignup(tokenHash: String, now: Date) throws -> Subscriber? {
        try write("confirm a sign-up") { db in
            guard let request = try Self.pendingSignup(db, tokenHash: tokenHash, now: now) else { return nil }
            let at = now.unixSeconds
            var tokens = RandomTokenGenerator(bufferSize: 64)
            let token = tokens.unsubscribeToken()
            try db.execute(
                sql: """
                    INSERT INTO subscribers (email, name, area, topics, locale, is_test, unsubscribe_token,
                        unsubscribe_token_hash, unsubscribed_at, created_at, updated_at, consent_at, consent_source,
                        consent_wording)
                    VALUES (:email, '', :area, :topics, :locale, 0, :token, :tokenHash, NULL, :now, :now, :now, :source,
                        :wording)
                    ON CONFLICT (email) DO UPDATE SET
                        area = excluded.area, topics = excluded.topics, locale = excluded.locale,
                        unsubscribed_at = NULL, updated_at = excluded.updated_at,
                        consent_at = excluded.consent_at, consent_source = excluded.consent_source,
                        consent_wording = excluded.consent_wording
                    """,
                arguments: [
                    "email": request.email, "area": request.area, "topics": Self.storedTopics(request.topics),
                    "locale": request.locale, "token": token, "tokenHash": Self.unsubscribeTokenHash(token), "now": at,
                    "source": request.source, "wording": request.wordingVersion,
                ])
            try Self.liftSuppression(db, email: request.email)
            try Self.retireConfirmations(db, where: "email = ?", [request.email], now: now)
            try insertAudit(
                AuditEntry(
                    at: now, actor: request.source, action: "subscribers-signup-confirm", subject: request.email,
                    detail: "area \(request.area), consent wording \(request.wordingVersion)"), db)
            return try Row.fetchOne(db, sql: "SELECT * FROM subscribers WHERE email = ?", arguments: [request.email])
                .map(subscriber)
        }
    }

    /// Deletes sign-up requests that expired unconfirmed; returns how many.
    @discardableResult
    public func purgeExpiredSignups(now: Date) throws -> Int {
        try write("purge expired sign-ups") { db in
            try Self.retireConfirmations(db, where: "expires_at <= ?", [now.unixSeconds], now: now)
        }
    }

    /// How many sign-up requests wait for their confirmation.
    public func pendingSignupCount(now: Date) throws -> Int {
        try read("count sign-ups") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signups WHERE expires_at > ?", arguments: [now.unixSeconds])
                ?? 0
        }
    }

    /// Writes a notice: its message row (never released), its rendition, its one delivery, and
    /// the mark that keeps it out of everything that lists alerts.
    static func insertNotice(_ db: Database, _ notice: NoticeMessage, now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO messages (id, kind, status, template, topic, areas, priority, state, headline,
                    proposed_by, created_at, variables, released_at)
                VALUES (?, 'alert', 'actual', ?, '', '[]', ?, 'queued', ?, 'sign-up', ?, '{}', NULL)
                """,
            arguments: [notice.id, notice.template, Priority.normal.rawValue, notice.headline, now.unixSeconds])
        try db.execute(
            sql: "INSERT INTO notices (message_id, kind) VALUES (?, 'subscribe-confirm')", arguments: [notice.id])
        let rendition = notice.rendition
        try db.execute(
            sql: """
                INSERT INTO renditions (message_id, channel, locale, subject, text_body, html_body, payload, content_type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                notice.id, rendition.channel.rawValue, rendition.locale, rendition.subject, rendition.textBody,
                rendition.htmlBody, rendition.payload, rendition.payloadContentType,
            ])
        let delivery = notice.delivery
        try db.execute(
            sql: """
                INSERT INTO deliveries (message_id, channel, destination, route, locale, state, attempts,
                    next_attempt_at, idempotency_key, priority, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, \(newIdempotencyKeySQL), ?, ?, ?)
                """,
            arguments: [
                notice.id, delivery.channel.rawValue, delivery.destination, delivery.route, delivery.locale,
                now.unixSeconds, Priority.normal.rawValue, now.unixSeconds, now.unixSeconds,
            ])
    }

    /// Deletes the sign-up requests matching `condition` and retires their confirmation emails: one
    /// not yet sent is withdrawn, and every copy of the link is blanked, so a token lives in the
    /// outbox only while it can still be used. Returns how many requests were deleted.
    @discardableResult
    static func retireConfirmations(
        _ db: Database, where condition: String, _ arguments: StatementArguments, now: Date
    ) throws -> Int {
        let notices = "SELECT message_id FROM signups WHERE message_id IS NOT NULL AND \(condition)"
        try db.execute(
            sql: """
                UPDATE deliveries SET state = 'withdrawn', lease_owner = NULL, lease_until = NULL, updated_at = ?
                WHERE message_id IN (\(notices)) AND state IN ('pending', 'leased')
                """,
            arguments: [now.unixSeconds] + arguments)
        try db.execute(
            sql: """
                UPDATE renditions SET text_body = '(confirmation link used or expired)', html_body = ''
                WHERE message_id IN (\(notices))
                """,
            arguments: arguments)
        try db.execute(sql: "DELETE FROM signups WHERE \(condition)", arguments: arguments)
        return db.changesCount
    }

    /// Erases what the sign-up and bounce tables hold about an address being forgotten; true if
    /// they held anything.
    static func eraseSignupsAndBounces(_ db: Database, email: String, given: String) throws -> Bool {
        var erased = 0
        for address in Set([email, given]) {
            try db.execute(sql: "DELETE FROM signups WHERE email = ?", arguments: [address])
            erased += db.changesCount
            try db.execute(
                sql: "UPDATE bounces SET email = NULL, reason = '' WHERE address_hash = ? AND email IS NOT NULL",
                arguments: [addressHash(address)])
            erased += db.changesCount
            erased +=
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM suppressions WHERE address_hash = ? AND email IS NOT NULL",
                    arguments: [addressHash(address)]) ?? 0
        }
        return erased > 0
    }

    private static func pendingSignup(_ db: Database, tokenHash: String, now: Date) throws -> SignupRequest? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM signups WHERE token_hash = ? AND expires_at > ?",
                arguments: [tokenHash, now.unixSeconds])
        else { return nil }
        let topics: String = row["topics"]
        return SignupRequest(
            email: row["email"], area: row["area"], topics: topics.split(separator: ";").map(String.init),
            locale: row["locale"], source: row["source"], wordingVersion: row["wording_version"])
    }

    /// The consent columns of a subscriber row, when they gave one.
    static func consent(_ row: Row) -> SubscriberConsent? {
        guard let at: Double = row["consent_at"] else { return nil }
        return SubscriberConsent(
            at: Date(unixSeconds: at), source: row["consent_source"] ?? "", wordingVersion: row["consent_wording"] ?? ""
        )
    }
}

extension SQLiteOutbox {
    /// What a confirmation link's token is stored as: `sha256:` and the hex digest of the token
    /// exactly as given (tokens are case-sensitive).
    public static func signupTokenHash(_ token: String) -> String {
        let digest = SHA256.hash(data: Data(token.utf8))
        return "sha256:" + digest.map { String(format: "%02x", $0) }.joined()
    }
}
