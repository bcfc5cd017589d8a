/// What the routes need from the installation behind them, each as a protocol Runtime implements,
/// so the HTTP module depends on no store and tests can serve fakes.
public struct HTTPDependencies: Sendable {
    /// Answers `/readyz`.
    public var readiness: any ReadinessProbe
    /// Answers `/metrics`.
    public var metrics: any MetricsExposition
    /// The partners' bearer tokens, for `/api/v1`.
    public var partners: PartnerDirectory
    /// What the partner API answers from; nil serves its routes as 503.
    public var api: PartnerAPIBackends?

    /// Dependencies for the operational routes, and the partners the API accepts.
    public init(
        readiness: any ReadinessProbe, metrics: any MetricsExposition,
        partners: PartnerDirectory = PartnerDirectory([]),
        api: PartnerAPIBackends? = nil
    ) {
        self.readiness = readiness
        self.metrics = metrics
        self.partners = partners
        self.api = api
    }
}
