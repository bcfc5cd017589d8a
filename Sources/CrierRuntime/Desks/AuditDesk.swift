public import CrierCore
import CrierStore
public import Foundation

/// The desk that reads the audit log: who did what, and when.
///
/// It exists so the command line never touches the store.
public struct AuditDesk: Sendable {
    let system: CrierSystem
    /// The store, in the one role this desk uses.
    var records: any OperatorRecords { system.outbox }

    /// A desk over `system`'s audit log.
    public init(system: CrierSystem) {
        self.system = system
    }

    /// The audit log since `since` (all of it when nil), oldest first.
    public func entries(since: Date?) throws -> [AuditEntry] {
        try records.audit(since: since)
    }
}
