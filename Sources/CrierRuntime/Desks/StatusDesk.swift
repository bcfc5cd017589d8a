import CrierCore
import CrierStore
import Foundation

/// The desk behind `crier status`: what the outbox holds and what needs attention.
///
/// It exists so the command line never touches the store; schedule problems are reported in the
/// status, never thrown, so it answers even when templates or schedules are broken.
public struct StatusDesk: Sendable {
    let system: CrierSystem
    /// The store, in the one role this desk uses.
    var records: any OperatorRecords { system.outbox }

    /// A desk over `system`.
    public init(system: CrierSystem) {
        self.system = system
    }

    /// Deliveries by state, the oldest pending, dead letters, endpoints and schedules, now.
    public func report() throws -> SystemStatus {
        let configuration = system.configuration
        let now = system.clock.now()
        let summary = try records.summary(now: now)
        let endpoints = configuration.endpoints.map { endpoint in
            SystemStatus.EndpointStatus(
                id: endpoint.id, kind: endpoint.kind.rawValue,
                destination: endpoint.kind == .webhook ? Redaction.url(endpoint.destination) : endpoint.destination,
                disabled: summary.disabledEndpoints[endpoint.id])
        }
        var status = SystemStatus(
            generatedAt: now, database: configuration.database.path, deliveries: summary.byState,
            oldestPendingSeconds: summary.oldestPendingAge,
            deadLetters: summary.byState[DeliveryState.dead.rawValue] ?? 0,
            endpoints: endpoints, emailRelay: configuration.email.map { Redaction.url($0.relay.absoluteString) })
        try system.addScheduleStatus(to: &status, now: now)
        status.residents = try BounceDesk(system: system).counts()
        return status
    }
}
