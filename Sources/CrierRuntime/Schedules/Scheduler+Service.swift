import CrierCore
import Foundation
import Logging
public import ServiceLifecycle

extension Scheduler: Service {
    /// The longest the scheduler waits between passes, in seconds, even with nothing due sooner: a
    /// wall clock that jumps (a suspended machine, a corrected clock) is noticed within this.
    static let maxPause: TimeInterval = 1

    /// Runs passes until the service group shuts down, waiting on the injected clock for the next
    /// firing between passes.
    ///
    /// On graceful shutdown the pass in progress finishes (its writes are single transactions
    /// either way) and the wait is cut short; then it returns. Cancellation returns at the next wait.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let report = await tick()
            log(report)
            let now = clock.now()
            let wait = nextFiring(after: now).map { $0.fireAt.timeIntervalSince(now) } ?? Self.maxPause
            let wake = now.addingTimeInterval(min(max(wait, 0.01), Self.maxPause))
            let clock = self.clock
            // Cancelled by a graceful shutdown: the loop condition then ends the run.
            try? await cancelWhenGracefulShutdown { try await clock.sleep(until: wake) }
        }
    }

    /// Logs what one pass did (failures were logged as they happened).
    private func log(_ report: SchedulerTick) {
        for entry in report.fired {
            logger.info("slot fired", metadata: ["schedule": "\(entry.scheduleID)", "slot": "\(entry.slotKey)"])
        }
        for entry in report.missed {
            logger.warning("slot missed", metadata: ["schedule": "\(entry.scheduleID)", "slot": "\(entry.slotKey)"])
        }
    }
}
