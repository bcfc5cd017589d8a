public import CrierCore
public import Foundation
internal import GRDB

/// The residents a message reaches and how their deliveries are written: one email delivery per
/// subscriber in `audience`, on `route`, addressed by name when they gave one, in the rendition
/// locale `LocaleChain` picks for their own locale tag among `renditionLocales`.
///
/// The database writes these rows itself, in one `INSERT … SELECT` from the subscribers table, so
/// composing for a whole city neither crosses into Swift once per person nor holds the audience
/// in memory. The caller, which knows the templates, says which locales the message was rendered
/// in; the store asks nothing back.
public struct SubscriberDeliveries: Sendable {
    public var audience: SubscriberAudience
    public var route: String
    /// The locales the message was rendered in for email; a subscriber's tag (`pl`, `gu-IN`)
    /// resolves to one of them through `LocaleChain` (`en` when none fits).
    public var renditionLocales: [String]

    public init(audience: SubscriberAudience, route: String, renditionLocales: [String]) {
        self.audience = audience
        self.route = route
        self.renditionLocales = renditionLocales
    }
}

extension SQLiteOutbox {
    /// Writes a message with its fixed deliveries (endpoints) and one delivery per subscriber the
    /// audience reaches, in one transaction. Returns the deliveries written; a destination that
    /// appears twice gets one.
    @discardableResult
    public func enqueue(
        _ message: MessageRecord, renditions: [Rendition], fixedDeliveries: [NewDelivery],
        subscribers: SubscriberDeliveries?, now: Date
    ) async throws -> Int {
        try await write("enqueue \(message.id)") { db in
            try insertMessage(db, message, renditions: renditions, now: now)
            return try insertDeliveries(
                db, of: message, fixedDeliveries: fixedDeliveries, subscribers: subscribers, now: now)
        }
    }

    func insertDeliveries(
        _ db: Database, of message: MessageRecord, fixedDeliveries: [NewDelivery], subscribers: SubscriberDeliveries?,
        now: Date
    ) throws -> Int {
        var written = try insertDeliveries(db, of: message, fixedDeliveries, now: now)
        if let subscribers {
            written += try insertSubscriberDeliveries(db, of: message, subscribers, now: now)
        }
        return written
    }

    /// One `INSERT … SELECT` for every subscriber in the audience. The rendition locale is a
    /// `CASE` over the audience's distinct locale tags, each resolved once, inside the same
    /// transaction, so a resident who subscribes meanwhile is either in it with their own locale or
    /// not in it at all.
    private func insertSubscriberDeliveries(
        _ db: Database, of message: MessageRecord, _ subscribers: SubscriberDeliveries, now: Date
    ) throws -> Int {
        let distinct = Self.audienceQuery(subscribers.audience, select: "DISTINCT locale")
        let tags = try String.fetchAll(db, sql: distinct.sql, arguments: distinct.arguments)
        guard !tags.isEmpty else { return 0 }
        var localeCase = "CASE locale"
        var localeArguments: StatementArguments = []
        for tag in tags {
            localeCase += " WHEN ? THEN ?"
            localeArguments += [tag, LocaleChain.resolve(tag, available: subscribers.renditionLocales)]
        }
        localeCase += " ELSE NULL END"

        let select = """
            ?, 'email', email, ?, NULL, id, NULLIF(name, ''), unsubscribe_token, \(localeCase), 'pending', 0, ?,
            NULL, \(Self.newIdempotencyKeySQL), ?, ?, ?
            """
        let audience = Self.audienceQuery(subscribers.audience, select: select)
        var arguments: StatementArguments = [message.id, subscribers.route]
        arguments += localeArguments
        arguments += [Self.dueTime(of: message, now: now), message.priority.rawValue, now.unixSeconds, now.unixSeconds]
        arguments += audience.arguments
        try db.execute(
            sql: """
                INSERT INTO deliveries (message_id, channel, destination, route, endpoint_id, subscriber_id,
                    recipient_name, unsubscribe_token, locale, state, attempts, next_attempt_at, last_error,
                    idempotency_key, priority, created_at, updated_at)
                \(audience.sql)
                ORDER BY id
                ON CONFLICT (message_id, channel, destination) DO NOTHING
                """,
            arguments: arguments)
        return db.changesCount
    }
}
