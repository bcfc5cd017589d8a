public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// The advice an area received in `from ..< to`, newest first: what its bulletin summarises.
    ///
    /// Counts real (`actual`) alerts and updates aimed at the area or at the whole city, leaves out
    /// cancellations, messages cancelled, rejected or still awaiting approval, and any message made
    /// from one of `excludingTemplates` (a bulletin does not report earlier bulletins).
    public func advice(
        receivedBy area: String, from: Date, to: Date, excludingTemplates: Set<String> = []
    ) throws -> [MessageRecord] {
        try read("read the advice \(area) received") { db in
            let excluded = excludingTemplates.sorted()
            let placeholders =
                excluded.isEmpty ? "" : "AND template NOT IN (\(excluded.map { _ in "?" }.joined(separator: ", ")))"
            let values: [any DatabaseValueConvertible] =
                [from.unixSeconds, to.unixSeconds, area, Area.cityID] + excluded
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM messages
                    WHERE created_at >= ? AND created_at < ?
                      AND EXISTS (SELECT 1 FROM json_each(messages.areas) WHERE json_each.value IN (?, ?))
                      AND status = 'actual' AND kind IN ('alert', 'update')
                      AND released_at IS NOT NULL AND state != 'cancelled'
                      \(placeholders)
                    ORDER BY created_at DESC, id DESC
                    """,
                arguments: StatementArguments(values)
            ).map(messageRecord)
        }
    }
}
