import Foundation
public import Logging
public import ServiceLifecycle
import UnixSignals

/// Reloads on SIGHUP (`systemctl reload crier`), for `crier run` and `crier serve` alike, until
/// the service group shuts down.
public struct ReloadService: Service {
    private let system: CrierSystem
    private let scheduler: Scheduler?
    private let logger: Logger

    /// Reloads `system`'s inputs, and `scheduler`'s if there is one, on every SIGHUP.
    /// From here on a SIGHUP no longer ends the process (its default), even before `run` starts.
    public init(system: CrierSystem, scheduler: Scheduler?, logger: Logger) {
        signal(SIGHUP, SIG_IGN)
        // The set a refused reload keeps must be the one loaded now, not whatever is on disk later.
        _ = try? system.scheduleCatalog()
        self.system = system
        self.scheduler = scheduler
        self.logger = logger
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            logger.info("SIGHUP: reloading crier.yml, templates and schedules")
            system.reload(scheduler: scheduler, logger: logger)
        }
    }
}
