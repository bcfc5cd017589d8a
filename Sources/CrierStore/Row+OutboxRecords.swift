import CrierCore
import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Reads an enum column, naming the table and column when the stored value is unknown.
    func decode<T: RawRepresentable>(_ type: T.Type, _ row: Row, _ column: String, table: String) throws -> T
    where T.RawValue == String {
        let raw: String = row[column]
        guard let value = T(rawValue: raw) else {
            throw OutboxStoreError.invalidValue(path: path, table: table, column: column, value: raw)
        }
        return value
    }

    func priority(_ row: Row, _ column: String, table: String) throws -> Priority {
        let raw: Int = row[column]
        guard let value = Priority(rawValue: raw) else {
            throw OutboxStoreError.invalidValue(path: path, table: table, column: column, value: String(raw))
        }
        return value
    }

    func deliveryRecord(_ row: Row) throws -> DeliveryRecord {
        DeliveryRecord(
            id: row["id"],
            messageID: row["message_id"],
            channel: try decode(Channel.self, row, "channel", table: "deliveries"),
            destination: row["destination"],
            route: row["route"],
            endpointID: row["endpoint_id"],
            subscriberID: row["subscriber_id"],
            recipientName: row["recipient_name"],
            unsubscribeToken: row["unsubscribe_token"],
            locale: row["locale"],
            state: try decode(DeliveryState.self, row, "state", table: "deliveries"),
            attempts: row["attempts"],
            nextAttemptAt: Date(unixSeconds: row["next_attempt_at"]),
            lastError: row["last_error"],
            idempotencyKey: row["idempotency_key"],
            priority: try priority(row, "priority", table: "deliveries"),
            createdAt: Date(unixSeconds: row["created_at"]),
            updatedAt: Date(unixSeconds: row["updated_at"]),
            inReplyTo: row["in_reply_to"],
            claims: row["claims"],
            claimsWithoutOutcome: row["claims_without_outcome"])
    }

    func messageRecord(_ row: Row) throws -> MessageRecord {
        let areasJSON: String = row["areas"]
        guard let areas = try? JSONDecoder().decode([String].self, from: Data(areasJSON.utf8)) else {
            throw OutboxStoreError.invalidValue(path: path, table: "messages", column: "areas", value: areasJSON)
        }
        let expires: Double? = row["expires_at"]
        var record = MessageRecord(
            id: row["id"],
            kind: try decode(MessageKind.self, row, "kind", table: "messages"),
            status: try decode(AlertStatus.self, row, "status", table: "messages"),
            template: row["template"],
            topic: row["topic"],
            areas: areas,
            priority: try priority(row, "priority", table: "messages"),
            state: try decode(MessageState.self, row, "state", table: "messages"),
            headline: row["headline"],
            references: row["references"],
            proposedBy: row["proposed_by"],
            createdAt: Date(unixSeconds: row["created_at"]),
            expiresAt: expires.map(Date.init(unixSeconds:)),
            variablesJSON: row["variables"],
            releasedAt: (row["released_at"] as Double?).map(Date.init(unixSeconds:)))
        record.cap = capClassification(row)
        return record
    }

    func rendition(_ row: Row) throws -> Rendition {
        Rendition(
            messageID: row["message_id"],
            channel: try decode(Channel.self, row, "channel", table: "renditions"),
            locale: row["locale"],
            subject: row["subject"],
            textBody: row["text_body"],
            htmlBody: row["html_body"],
            payload: row["payload"],
            payloadContentType: row["content_type"])
    }

    func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(
            id: row["id"], at: Date(unixSeconds: row["at"]), actor: row["actor"], action: row["action"],
            subject: row["subject"], detail: row["detail"], osUser: row["os_user"])
    }
}
