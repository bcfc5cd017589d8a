public import CrierCore
public import Foundation
internal import GRDB

/// The residents a message reaches and how their deliveries are written: one email delivery per
/// subscriber in `audience`, on `route`, addressed by name when they gave one, in the rendition
/// locale `renditionLocales` gives for their own locale tag.
///
/// The database writes these rows itself, in one `INSERT … SELECT` from the subscribers table, so
/// composing for a whole city neither crosses into Swift once per person nor holds the audience
/// in memory. Which rendition a tag gets is decided by the caller (it knows the templates), from
/// the tags `subscriberLocaleTags(in:)` lists; the store only applies the mapping.
public struct SubscriberDeliveries: Sendable {
    public var audience: SubscriberAudience
    public var route: String
    /// A subscriber's locale tag (`pl`, `gu-IN`) to a locale the message was rendered in, for
    /// every tag in the audience.
    public var renditionLocales: [String: String]

    public init(audience: SubscriberAudience, route: String, renditionLocales: [String: String]) {
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

    /// The distinct locale tags of the subscribers `audience` reaches, for the caller to map to
    /// rendition locales (`SubscriberDeliveries.renditionLocales`).
    public func subscriberLocaleTags(in audience: SubscriberAudience) async throws -> [String] {
        try await read("list the locales of an audience") { db in
            let distinct = Self.audienceQuery(audience, select: "DISTINCT locale")
            return try String.fetchAll(db, sql: distinct.sql, arguments: distinct.arguments)
        }
    }

    /// One `INSERT … SELECT` for every subscriber in the audience. The rendition locale is a
    /// `CASE` over the audience's distinct locale tags; a tag the mapping misses (a resident who
    /// subscribed since the caller listed the tags) fails the composition, naming the tag, rather
    /// than be sent in a wrong language.
    private func insertSubscriberDeliveries(
        _ db: Database, of message: MessageRecord, _ subscribers: SubscriberDeliveries, now: Date
    ) throws -> Int {
        let distinct = Self.audienceQuery(subscribers.audience, select: "DISTINCT locale")
        let tags = try String.fetchAll(db, sql: distinct.sql, arguments: distinct.arguments)
        guard !tags.isEmpty else { return 0 }
        var localeCase = "CASE locale"
        var localeArguments: StatementArguments = []
        for tag in tags {
            guard let locale = subscribers.renditionLocales[tag] else {
                throw OutboxStoreError.databaseFailed(
                    path: path, operation: "enqueue \(message.id)",
                    reason: "no rendition locale was chosen for the subscriber locale \"\(tag)\"; compose again")
            }
            localeCase += " WHEN ? THEN ?"
            localeArguments += [tag, locale]
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
