import CrierCore
import CrierStore
import Foundation

/// The operator's desk for residents: import, list, export, unsubscribe and forget.
///
/// It exists so the command line never touches the store: each method is one domain operation,
/// checked, written and audited here. Forgetting a person and its audit line commit in one
/// transaction; the write-ahead log is emptied after it.
public struct SubscriberDesk: Sendable {
    let system: CrierSystem

    /// The store, in the one role this desk uses.
    var roster: any SubscriberRoster { system.outbox }

    /// A desk over `system`'s subscribers.
    public init(system: CrierSystem) {
        self.system = system
    }

    /// Imports the residents CSV at path `file` (all or nothing, unless `skipInvalid`) and audits
    /// it as done by `actor`. Throws when bad rows stopped the import, listing each of them.
    public func importCSV(file: String, skipInvalid: Bool, actor: String) throws -> SubscriberImportReport {
        let configuration = system.configuration
        let importer = SubscriberImporter(
            outbox: roster, areas: Set(configuration.areas.map(\.id)), topics: Set(configuration.topics))
        let now = system.clock.now()
        let outcome = try importer.importCSV(file: file, skipInvalid: skipInvalid, now: now)
        guard outcome.imported else {
            throw SubscriberDeskError.badRows(file: file, problems: outcome.problems.map { "\($0)" })
        }
        try roster.appendAudit(
            AuditEntry(
                at: now, actor: actor, action: "subscribers-import", subject: file,
                detail: "\(outcome.inserted) new, \(outcome.updated) updated, \(outcome.problems.count) skipped"
                    + (outcome.withheld.isEmpty ? "" : ", \(outcome.withheld.count) suppressed")))
        return SubscriberImportReport(
            inserted: outcome.inserted, updated: outcome.updated, skipped: outcome.problems,
            suppressed: outcome.withheld)
    }

    /// The subscribers, of `area` only when given; an unknown area is refused, naming the known ones.
    public func list(area: String?) throws -> [SubscriberListing] {
        let configuration = system.configuration
        if let area, configuration.area(area) == nil {
            throw SubscriberDeskError.unknownArea(
                area, known: configuration.areas.map(\.id).joined(separator: ", "))
        }
        return try roster.subscribers(area: area).map(SubscriberListing.init)
    }

    /// Everything held about the person at `email` (subject access); refuses an unknown address.
    public func export(email: String) throws -> SubscriberDataExport {
        guard let export = try roster.exportSubscriber(email: email) else {
            throw SubscriberDeskError.noSubscriber(email)
        }
        return SubscriberDataExport(export: export)
    }

    /// Erases the person at `email` and audits it as done by `actor`, in one transaction, then empties
    /// the write-ahead log. Returns a warning when the log could not be emptied (the erasure stands).
    public func forget(email: String, actor: String) throws -> String? {
        let now = system.clock.now()
        let audit = AuditEntry(at: now, actor: actor, action: "subscribers-forget", subject: "a subscriber")
        guard try roster.forgetSubscriber(email: email, now: now, audit: audit) else {
            throw SubscriberDeskError.noSubscriber(email)
        }
        do {
            try roster.discardErasedCopies()
            return nil
        } catch {
            return "\(error); older copies of the person's rows stay in the write-ahead log until SQLite reuses it"
        }
    }

    /// Honours an unsubscribe token; refuses one the outbox does not know.
    public func unsubscribe(token: String) throws {
        guard try roster.unsubscribe(token: token, now: system.clock.now()) else {
            throw SubscriberDeskError.unknownToken
        }
    }
}

/// What a subscribers import did, as `crier subscribers import` reports it.
public struct SubscriberImportReport: Sendable, Encodable {
    public let inserted: Int
    public let updated: Int
    /// Every bad row skipped (only with `skipInvalid`), in file order.
    public let skipped: [SubscriberImport.Problem]
    /// Good rows not imported because the address is suppressed, in file order.
    public let suppressed: [SubscriberImport.Withheld]
}

/// A subscriber as listings show them: no unsubscribe token (it is a secret link).
public struct SubscriberListing: Sendable, Encodable {
    public let email: String
    public let name: String
    public let area: String
    public let topics: [String]
    public let locale: String
    public let test: Bool
    public let unsubscribed: Bool

    init(_ person: Subscriber) {
        email = person.email
        name = person.name
        area = person.area
        topics = person.topics
        locale = person.locale
        test = person.isTest
        unsubscribed = person.unsubscribedAt != nil
    }
}

/// Everything the outbox holds about one person, encoded as the store records it.
public struct SubscriberDataExport: Sendable, Encodable {
    let export: SubscriberExport

    public func encode(to encoder: any Encoder) throws {
        try export.encode(to: encoder)
    }
}
