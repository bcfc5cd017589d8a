public import Logging
public import ServiceLifecycle
import Synchronization

/// The dispatcher as a service of `crier run`'s group, keeping its report for the closing log line.
///
/// On graceful shutdown (SIGTERM, SIGINT, or another service ending the group) the dispatcher stops
/// claiming, lets what is in flight finish, records it and gives back its leases. With `untilIdle`
/// it returns by itself once nothing is in flight and nothing is due within `idleGrace` seconds.
public final class DispatchService: Service, Sendable {
    /// The dispatcher it runs.
    public let dispatcher: Dispatcher
    private let untilIdle: Bool
    private let idleGrace: Double
    private let firstPass: (@Sendable () async -> Void)?
    private let logger: Logger
    private let finished = Mutex<DispatchReport?>(nil)

    /// A service running `dispatcher`, until shut down or (with `untilIdle`) until idle.
    ///
    /// `firstPass` runs once before the first claim, inside the group, so a signal during it is a
    /// graceful shutdown too (`crier run --until-idle` fires the schedules' due slots there).
    public init(
        dispatcher: Dispatcher, untilIdle: Bool = false, idleGrace: Double = 0,
        firstPass: (@Sendable () async -> Void)? = nil, logger: Logger
    ) {
        self.dispatcher = dispatcher
        self.untilIdle = untilIdle
        self.idleGrace = idleGrace
        self.firstPass = firstPass
        self.logger = logger
    }

    /// What the run did, once it has returned.
    public var report: DispatchReport? { finished.withLock { $0 } }

    public func run() async throws {
        let logger = self.logger
        let report = try await withGracefulShutdownHandler {
            if let firstPass, !Task.isShuttingDownGracefully { await firstPass() }
            return try await dispatcher.run(untilIdle: untilIdle, idleGrace: idleGrace)
        } onGracefulShutdown: {
            logger.notice("stopping: finishing deliveries in flight")
        }
        finished.withLock { $0 = report }
    }
}
