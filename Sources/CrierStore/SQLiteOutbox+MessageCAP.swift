import CrierCore
internal import GRDB

extension SQLiteOutbox {
    /// Stores a message's own CAP classification (`cap_urgency`, `cap_severity`, `cap_certainty`),
    /// if it has one, on its freshly inserted row.
    func insertCAPClassification(_ db: Database, of message: MessageRecord) throws {
        guard let cap = message.cap else { return }
        try db.execute(
            sql: "UPDATE messages SET cap_urgency = ?, cap_severity = ?, cap_certainty = ? WHERE id = ?",
            arguments: [cap.urgency, cap.severity, cap.certainty, message.id])
    }

    /// The CAP classification stored with a message row, or nil when it carries its template's.
    func capClassification(_ row: Row) -> CAPClassification? {
        guard let urgency: String = row["cap_urgency"], let severity: String = row["cap_severity"],
            let certainty: String = row["cap_certainty"]
        else { return nil }
        return CAPClassification(urgency: urgency, severity: severity, certainty: certainty)
    }
}
