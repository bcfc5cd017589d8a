import CrierHTTP
import CrierStore

/// `/readyz` over one installation: ready when the database answers and the configuration,
/// templates and schedules it loaded are valid.
struct SystemReadiness: ReadinessProbe {
    let system: CrierSystem

    func readiness() async -> Readiness {
        var reasons: [String] = []
        do {
            try system.outbox.ping()
        } catch {
            reasons.append("database: \(error)")
        }
        do {
            let catalog = try system.scheduleCatalog()
            reasons += catalog.problems.map { "schedule: \($0)" }
        } catch {
            reasons.append("templates: \(error)")
        }
        return reasons.isEmpty ? .ready : .notReady(reasons: reasons)
    }
}
