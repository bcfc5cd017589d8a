import Hummingbird

/// Builds the one router of the HTTP service from its route groups and the middleware every
/// route shares.
enum CrierRouter {
    static func make(dependencies: HTTPDependencies) -> Router<CrierRequestContext> {
        let router = Router(context: CrierRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: APIErrorMiddleware())
        OperationalRoutes.add(to: router, dependencies: dependencies)
        APIRoutes.add(to: router, dependencies: dependencies)
        SignupRoutes.add(to: router, dependencies: dependencies)
        BounceRoutes.add(to: router, dependencies: dependencies)
        if let residents = dependencies.residents { ResidentRoutes.add(to: router, accounts: residents) }
        return router
    }
}
