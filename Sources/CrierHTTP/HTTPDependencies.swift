/// What the routes need from the installation behind them, each as a protocol Runtime implements,
/// so the HTTP module depends on no store and tests can serve fakes.
public struct HTTPDependencies: Sendable {
    /// Answers `/readyz`.
    public var readiness: any ReadinessProbe
    /// Answers `/metrics`.
    public var metrics: any MetricsExposition

    /// Dependencies for the operational routes.
    public init(readiness: any ReadinessProbe, metrics: any MetricsExposition) {
        self.readiness = readiness
        self.metrics = metrics
    }
}
