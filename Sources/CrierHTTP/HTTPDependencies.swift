/// What the routes need from the installation behind them, each as a protocol Runtime implements,
/// so the HTTP module depends on no store and tests can serve fakes.
public struct HTTPDependencies: Sendable {
    /// Answers `/readyz`.
    public var readiness: any ReadinessProbe
    /// Answers `/metrics`.
    public var metrics: any MetricsExposition
    /// The published site served under `/` where no route answers; nil when nothing is published.
    public var site: PublishedSite?

    /// Dependencies for the operational routes, and the published site if there is one.
    public init(readiness: any ReadinessProbe, metrics: any MetricsExposition, site: PublishedSite? = nil) {
        self.readiness = readiness
        self.metrics = metrics
        self.site = site
    }
}
