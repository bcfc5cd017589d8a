public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Writes a message, its renditions and its deliveries in one transaction, streaming the deliveries.
    /// Deliveries with the same (channel, destination) are written once; those of a disabled
    /// endpoint are written dead. Returns how many were written.
    @discardableResult
    public func enqueue(
        _ message: MessageRecord, renditions: [Rendition], deliveries: some Sequence<NewDelivery> & Sendable,
        now: Date
    ) async throws -> Int {
        try await write("enqueue \(message.id)") { db in
            try insertMessage(db, message, renditions: renditions, now: now)
            return try insertDeliveries(db, of: message, deliveries, now: now)
        }
    }

    /// The `next_attempt_at` of a held delivery: 9999-12-31T23:59:59Z, later than any real time.
    static let heldUntil: Double = 253_402_300_799

    /// When a new delivery of `message` is first due: now, or never while the message awaits a
    /// second operator's approval (`releaseHeldDeliveries` makes held deliveries due).
    static func dueTime(of message: MessageRecord, now: Date) -> Double {
        message.state == .awaitingApproval ? heldUntil : now.unixSeconds
    }

    /// A new delivery's idempotency key, made by SQLite as the row is written: `msg_` and 24 hex
    /// digits (96 random bits), the Standard Webhooks id shape. It is the `webhook-id` and the
    /// email `Message-ID`, the same on every retry. Keys need to be unique, not secret; the column's
    /// UNIQUE constraint turns the vanishing chance of a repeat into an error, never a lost row.
    static let newIdempotencyKeySQL = "'msg_' || lower(hex(randomblob(12)))"

    /// Inserts the message row and its renditions.
    func insertMessage(_ db: Database, _ message: MessageRecord, renditions: [Rendition], now: Date) throws {
        let areas = String(decoding: try JSONEncoder().encode(message.areas), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO messages (id, kind, status, template, topic, areas, priority, state, headline,
                    "references", proposed_by, created_at, expires_at, variables, released_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                message.id, message.kind.rawValue, message.status.rawValue, message.template, message.topic,
                areas, message.priority.rawValue, message.state.rawValue, message.headline, message.references,
                message.proposedBy, message.createdAt.unixSeconds, message.expiresAt?.unixSeconds,
                message.variablesJSON, message.releasedAt?.unixSeconds,
            ])
        try insertCAPClassification(db, of: message)
        for rendition in renditions {
            try db.execute(
                sql: """
                    INSERT INTO renditions (message_id, channel, locale, subject, text_body, html_body, payload,
                        content_type)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    message.id, rendition.channel.rawValue, rendition.locale, rendition.subject,
                    rendition.textBody, rendition.htmlBody, rendition.payload, rendition.payloadContentType,
                ])
        }
    }

    /// Inserts deliveries one by one through a single prepared statement, so memory does not grow
    /// with the audience. Repeats of (channel, destination) are ignored; those of a disabled endpoint
    /// become dead letters at once, so they never wait for ever. Returns how many were written.
    func insertDeliveries(
        _ db: Database, of message: MessageRecord, _ deliveries: some Sequence<NewDelivery>, now: Date
    ) throws -> Int {
        var writer = try DeliveryWriter(db, message: message, now: now)
        for delivery in deliveries {
            try writer.insert(delivery)
        }
        try killDeliveriesOfDisabledEndpoints(db, now: now)
        return writer.written
    }
}

/// Writes the deliveries of one message inside a write transaction, one prepared statement for all.
struct DeliveryWriter {
    private let db: Database
    private let statement: Statement
    private let message: MessageRecord
    private let now: Double
    private let due: Double
    /// Rows actually written (repeats of channel and destination are not).
    private(set) var written = 0

    init(_ db: Database, message: MessageRecord, now: Date) throws {
        self.db = db
        self.message = message
        self.now = now.unixSeconds
        self.due = SQLiteOutbox.dueTime(of: message, now: now)
        self.statement = try db.cachedStatement(
            sql: """
                INSERT INTO deliveries (message_id, channel, destination, route, endpoint_id,
                    subscriber_id, recipient_name, unsubscribe_token, locale, state, attempts, next_attempt_at,
                    last_error, idempotency_key, priority, created_at, updated_at, in_reply_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, NULL, \(SQLiteOutbox.newIdempotencyKeySQL), ?, ?, ?,
                    ?)
                ON CONFLICT (message_id, channel, destination) DO NOTHING
                """)
    }

    /// Writes one delivery unless the message already has one for its channel and destination.
    mutating func insert(_ delivery: NewDelivery) throws {
        statement.setUncheckedArguments([
            message.id, delivery.channel.rawValue, delivery.destination, delivery.route, delivery.endpointID,
            delivery.subscriberID, delivery.recipientName, delivery.unsubscribeToken, delivery.locale,
            due, message.priority.rawValue, now, now, delivery.inReplyTo,
        ])
        try statement.execute()
        written += db.changesCount
    }
}
