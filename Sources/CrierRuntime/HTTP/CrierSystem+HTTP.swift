public import CrierHTTP
public import Logging
import ServiceLifecycle
import UnixSignals

extension CrierSystem {
    /// The HTTP service of this installation, listening on `listen` (`HOST:PORT`, from `--listen`),
    /// else crier.yml's `http.listen`; nil when neither names an address. `onListening` receives
    /// the bound `http://HOST:PORT` once the socket is open. A malformed `listen` is bad input.
    public func makeHTTPService(
        listen: String? = nil, logger: Logger, onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) throws -> CrierHTTPService? {
        var given: ListenAddress?
        if let listen {
            switch ListenAddress.parse(listen) {
            case .success(let address): given = address
            case .failure(let problem): throw ListenOptionError(problem: problem)
            }
        }
        guard let address = given ?? configuration.http.listen else { return nil }
        let settings = HTTPServiceSettings(
            listen: address, publicURL: configuration.http.publicURL, limits: configuration.http.limits)
        var dependencies = HTTPDependencies(
            readiness: SystemReadiness(system: self), metrics: SystemMetrics(system: self),
            partners: PartnerDirectory(configuration.partners), residents: ResidentDesk(system: self),
            site: configuration.publishDirectory.map { PublishedSite(folder: $0) },
            api: PartnerAPIBackends(
                subscribers: PartnerSubscriberService(system: self), bulletins: PartnerBulletinService(system: self),
                alerts: PartnerAlertsService(system: self)))
        dependencies.signups = SystemSignups(system: self)
        dependencies.bounces = SystemBounces(system: self)
        return CrierHTTPService(
            settings: settings, dependencies: dependencies, logger: logger, onListening: onListening)
    }

    /// Starts recording swift-metrics into the registry `/metrics` serves; the executable calls it
    /// once, before anything records.
    public static func bootstrapMetrics() {
        PrometheusTelemetry.bootstrap()
    }
}

extension CrierHTTPService {
    /// Runs this service alone (`crier serve`) until SIGTERM or SIGINT, then lets the requests in
    /// progress finish; SIGHUP reloads `system`'s inputs (what `/readyz` checks).
    public func runAlone(system: CrierSystem, logger: Logger) async throws {
        let services: [any Service] = [self, ReloadService(system: system, scheduler: nil, logger: logger)]
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map {
                    .init(
                        service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                        failureTerminationBehavior: .gracefullyShutdownGroup)
                },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// `--listen` was not a usable address (exit 2).
public struct ListenOptionError: BadInput {
    let problem: ListenAddressError

    public var description: String { "--listen: \(problem)" }
}
