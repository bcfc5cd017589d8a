public import CrierCore
public import Foundation
internal import GRDB

/// A message with every rendition it was composed with: what the publisher turns into CAP, Atom and HTML.
public struct MessageWithRenditions: Sendable, Equatable {
    public var message: MessageRecord
    public var renditions: [Rendition]

    /// Pairs a message with its renditions.
    public init(message: MessageRecord, renditions: [Rendition]) {
        self.message = message
        self.renditions = renditions
    }
}

extension SQLiteOutbox {
    /// Messages that may be published, oldest first: created at or after `since` or still valid then,
    /// not awaiting approval or rejected, plus every message they update or cancel (so references resolve).
    public func publishableMessages(since: Date) throws -> [MessageWithRenditions] {
        try read("list messages to publish") { db in
            var rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM messages
                    WHERE released_at IS NOT NULL
                      AND (created_at >= ? OR expires_at >= ?)
                    ORDER BY created_at, id
                    """,
                arguments: [since.unixSeconds, since.unixSeconds])
            var messages = try rows.map(messageRecord)
            var known = Set(messages.map(\.id))
            var wanted = Set(messages.compactMap(\.references)).subtracting(known)
            while !wanted.isEmpty {
                let ids = Array(wanted)
                let marks = ids.map { _ in "?" }.joined(separator: ", ")
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM messages WHERE id IN (\(marks))", arguments: StatementArguments(ids))
                let found = try rows.map(messageRecord)
                known.formUnion(ids)
                messages.append(contentsOf: found)
                wanted = Set(found.compactMap(\.references)).subtracting(known)
            }
            messages.sort { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
            return try messages.map { message in
                let renditions = try Row.fetchAll(
                    db, sql: "SELECT * FROM renditions WHERE message_id = ? ORDER BY channel, locale",
                    arguments: [message.id]
                ).map(rendition)
                return MessageWithRenditions(message: message, renditions: renditions)
            }
        }
    }
}
