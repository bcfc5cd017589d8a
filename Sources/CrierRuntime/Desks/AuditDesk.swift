public import CrierCore
import CrierStore
public import Foundation

/// The desk that reads the audit log: who did what, and when.
///
/// It exists so the command line never touches the store.
public struct AuditDesk: Sendable {
    let system: CrierSystem

    /// A desk over `system`'s audit log.
    public init(system: CrierSystem) {
        self.system = system
    }

    /// The audit log since `since` (all of it when nil), oldest first.
    public func entries(since: Date?) throws -> [AuditEntry] {
        try system.outbox.audit(since: since)
    }
}
