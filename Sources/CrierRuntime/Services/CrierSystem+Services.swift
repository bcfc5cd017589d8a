public import CrierHTTP
public import CrierTemplates
public import Logging
public import ServiceLifecycle
import UnixSignals

extension CrierSystem {
    /// `crier run`'s services: `scheduler` (if given), a dispatcher over this installation's outbox
    /// and transports, and, when crier.yml sets `publish.dir`, the publisher, plus the HTTP service
    /// `http` (if given) and `more`; SIGTERM
    /// and SIGINT shut them down gracefully; SIGHUP reloads (`ReloadService`), except with `untilIdle`.
    ///
    /// `firstPass` runs once inside the group before the dispatcher's first claim.
    ///
    /// With `untilIdle` the dispatcher returns once nothing is in flight and nothing is due within
    /// `idleGrace` seconds, and the group then shuts down. Any service that returns or throws shuts
    /// the whole group down gracefully. With `shutdownGrace`, what is still running that long after
    /// the shutdown began is cancelled (transfers on the wire are retried later under the same key).
    public func makeServices(
        scheduler: Scheduler?, library: TemplateLibrary, untilIdle: Bool = false, idleGrace: Double = 0,
        firstPass: (@Sendable () async -> Void)? = nil, shutdownGrace: Duration? = nil, http: CrierHTTPService? = nil,
        more: [any Service] = [],
        logger: Logger
    ) throws -> CrierServices {
        let publisher = configuration.publishDirectory.map { folder in
            PublishService(system: self, library: library, folder: folder, logger: Logger(label: "crier.publish"))
        }
        let dispatchLogger = Logger(label: "crier.dispatch")
        let dispatcher = try makeDispatcher(logger: dispatchLogger, publisher: publisher)
        let dispatch = DispatchService(
            dispatcher: dispatcher, untilIdle: untilIdle, idleGrace: idleGrace, firstPass: firstPass,
            logger: dispatchLogger)
        // Started in this order, shut down in reverse: firing stops first, publishing last.
        let reload = untilIdle ? nil : ReloadService(system: self, scheduler: scheduler, logger: logger)
        let services: [any Service] =
            [publisher].compactMap { $0 } + [dispatch] + [scheduler].compactMap { $0 }
            + [http].compactMap { $0 } + [reload].compactMap { $0 } + more
        var configuration = ServiceGroupConfiguration(
            services: services.map {
                .init(
                    service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup)
            },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = shutdownGrace
        let group = ServiceGroup(configuration: configuration)
        return CrierServices(group: group, dispatch: dispatch)
    }
}
