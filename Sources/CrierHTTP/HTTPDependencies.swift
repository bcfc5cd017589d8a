/// What the routes need from the installation behind them, each as a protocol Runtime implements,
/// so the HTTP module depends on no store and tests can serve fakes.
public struct HTTPDependencies: Sendable {
    /// Answers `/readyz`.
    public var readiness: any ReadinessProbe
    /// Answers `/metrics`.
    public var metrics: any MetricsExposition
    /// The partners' bearer tokens, for `/api/v1`.
    public var partners: PartnerDirectory
    /// Sign-up with double opt-in (`/subscribe`); the routes answer 404 without it.
    public var signups: (any SignupService)?
    /// Bounces partners report (`POST /api/v1/bounces`); the route answers 404 without it.
    public var bounces: (any BounceReceiver)?
    /// Answers the residents' pages (`/unsubscribe/{token}`, `/preferences/{token}`); nil serves none.
    public var residents: (any ResidentAccounts)?
    /// The published site served under `/` where no route answers; nil when nothing is published.
    public var site: PublishedSite?
    /// What the partner API answers from; nil serves its routes as 503.
    public var api: PartnerAPIBackends?

    /// Dependencies for the operational routes, the partners the API accepts and, when given, the
    /// residents' pages and the published site.
    public init(
        readiness: any ReadinessProbe, metrics: any MetricsExposition,
        partners: PartnerDirectory = PartnerDirectory([]),
        residents: (any ResidentAccounts)? = nil, site: PublishedSite? = nil,
        api: PartnerAPIBackends? = nil
    ) {
        self.readiness = readiness
        self.metrics = metrics
        self.partners = partners
        self.residents = residents
        self.site = site
        self.api = api
    }
}
