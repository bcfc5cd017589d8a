import CrierStore
import Foundation

/// What publishing reads from the store: the messages, with their renditions, that the feeds,
/// pages and CAP files show.
protocol PublishingReads: Sendable {
    /// Messages that may be published, oldest first (created at or after `since` or still valid
    /// then, not awaiting approval or rejected), plus every message they update or cancel.
    func publishableMessages(since: Date) throws -> [MessageWithRenditions]
}

extension SQLiteOutbox: PublishingReads {}
