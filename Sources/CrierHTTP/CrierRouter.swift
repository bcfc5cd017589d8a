import Hummingbird

/// Builds the one router of the HTTP service from its route groups and the middleware every
/// route shares.
///
/// Middleware, outermost first: request metrics; security headers; the error shield (internal
/// errors become a generic 500); JSON errors under /api; per-client rate limits by path prefix; the body cap; the
/// published site (served only where no route answers).
enum CrierRouter {
    static func make(dependencies: HTTPDependencies, limits: HTTPLimits = HTTPLimits()) -> Router<CrierRequestContext> {
        let router = Router(context: CrierRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorShieldMiddleware())
        router.add(middleware: APIErrorMiddleware())
        router.add(middleware: RateLimitMiddleware(limits: limits))
        router.add(middleware: BodyLimitMiddleware(maxBytes: limits.maxBodyBytes, timeout: limits.bodyTimeout))
        if let site = dependencies.site {
            router.add(middleware: SiteMiddleware(site: site))
        }
        OperationalRoutes.add(to: router, dependencies: dependencies)
        APIRoutes.add(to: router, dependencies: dependencies)
        SignupRoutes.add(to: router, dependencies: dependencies)
        BounceRoutes.add(to: router, dependencies: dependencies)
        if let residents = dependencies.residents { ResidentRoutes.add(to: router, accounts: residents) }
        return router
    }
}
