/// Whether this process can do its work: `/readyz` answers 200 only when it is ready.
public enum Readiness: Sendable, Equatable {
    /// The database answers and configuration, templates and schedules are valid.
    case ready
    /// Something a load balancer or operator must know about, in words.
    case notReady(reasons: [String])
}

/// Tells the HTTP service whether the installation behind it is ready; Runtime implements it over
/// the store and the loaded inputs.
public protocol ReadinessProbe: Sendable {
    /// Checks now (called on every `/readyz`).
    func readiness() async -> Readiness
}
