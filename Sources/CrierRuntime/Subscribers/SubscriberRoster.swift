import CrierCore
import CrierStore
import Foundation

/// What the subscribers desk and the importer need of the store: residents written, listed,
/// exported, unsubscribed and forgotten, each change with its audit line.
protocol SubscriberRoster: Sendable {
    /// Imports subscribers in one transaction, pulling batches from `next` until it returns nil;
    /// if `next` throws, nothing is written and its error is rethrown.
    func upsertSubscribers(batches next: () throws -> [SubscriberInput]?, now: Date) throws
        -> (inserted: Int, updated: Int)
    /// The subscribers, of `area` only when given.
    func subscribers(area: String?) throws -> [Subscriber]
    /// Everything held about the person at `email`, or nil.
    func exportSubscriber(email: String) throws -> SubscriberExport?
    /// Erases the person at `email`, with `audit` in the same transaction; false if unknown.
    func forgetSubscriber(email: String, now: Date, audit: AuditEntry?) throws -> Bool
    /// Removes older copies of erased rows that the store keeps outside its tables (SQLite's
    /// write-ahead log), so a forgotten person lingers nowhere.
    func discardErasedCopies() throws
    /// Honours an unsubscribe token; false if unknown.
    func unsubscribe(token: String, now: Date) throws -> Bool
    /// Appends a line to the audit log.
    func appendAudit(_ entry: AuditEntry) throws
    /// The suppression list by address hash, which an import checks each row against.
    func suppressionsByHash() throws -> [String: Suppression]
}

extension SQLiteOutbox: SubscriberRoster {
    func discardErasedCopies() throws { try truncateWriteAheadLog() }
}
