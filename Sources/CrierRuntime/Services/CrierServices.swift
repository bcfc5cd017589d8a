import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `crier run`'s long-running work as one `ServiceGroup`: the scheduler, the dispatcher and the
/// publisher, started together and shut down gracefully together on SIGTERM or SIGINT.
///
/// Shutdown goes in reverse order of start: the scheduler stops firing, the dispatcher stops
/// claiming and finishes what is in flight, then the publisher publishes the last outcomes. More
/// services (an HTTP server) join through `CrierSystem.makeServices(..., more:)`. A second signal
/// changes nothing: deliveries in flight each have a timeout (`shutdownGrace` can cut them short).
public final class CrierServices: Sendable {
    private let group: ServiceGroup
    /// The dispatcher's service, whose report says what the run delivered.
    public let dispatch: DispatchService
    private let signal = Mutex<String?>(nil)

    init(group: ServiceGroup, dispatch: DispatchService) {
        self.group = group
        self.dispatch = dispatch
    }

    /// The signal that started the shutdown (`SIGTERM`, `SIGINT`), if one did.
    public var stopSignal: String? { signal.withLock { $0 } }

    /// Runs every service until the group shuts down (a signal, `shutDownGracefully`, or with
    /// `untilIdle` the dispatcher going idle); returns the dispatcher's report.
    public func run() async throws -> DispatchReport {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            // Only names the signal: the service group itself traps it and shuts down.
            let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
            tasks.addTask { [self] in
                for await received in signals {
                    self.signal.withLock { $0 = $0 ?? received.description }
                }
            }
            defer { tasks.cancelAll() }
            try await group.run()
        }
        return dispatch.report ?? DispatchReport()
    }

    /// Shuts the group down gracefully, as SIGTERM would.
    public func shutDownGracefully() async { await group.triggerGracefulShutdown() }
}
