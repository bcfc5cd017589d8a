public import CrierCore
import CrierStore
public import CrierTemplates
public import Foundation
public import Logging
import Synchronization

/// `crier run --simulate-until DATE`: rehearses a campaign by jumping a simulated clock from
/// firing to firing, composing each slot and draining its deliveries as it goes.
///
/// A rehearsal never touches the live run: it has its own `ManualClock`, its own outbox (in
/// memory, or a copy of the database the operator names, never the configured one, whose slot
/// records would otherwise say the rehearsed slots had fired), and a transport that records
/// deliveries instead of sending them, so no resident or partner receives anything.
public enum ScheduleRehearsal {
    /// What a rehearsal did.
    public struct Report: Sendable {
        /// Every slot handled, in order: fired, missed or skipped.
        public var slots: [(at: Date, outcome: String, entry: SchedulerTick.Entry)] = []
        /// Deliveries the simulated dispatcher completed (recorded, never sent).
        public var deliveries = 0
        /// Schedules that failed to fire at some firing, with why.
        public var failures: [String: String] = [:]
    }

    /// Opens the installation at `configuration` for a rehearsal starting at `start`: the outbox
    /// is `database` (a copy; refused if it is the configured database) or a fresh in-memory one.
    ///
    /// With `delivering`, the rehearsal really sends through the configured endpoints and relay (a
    /// fast-forwarded run, e.g. against local test receivers): its slots really fire, so it runs on
    /// the configured database unless `database` names another.
    public static func open(
        configuration url: URL, database: URL?, start: Date, delivering: Bool = false
    ) throws -> (CrierSystem, ManualClock) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SystemSetupError.noConfiguration(path: url.path)
        }
        var configuration = try ConfigurationLoader.load(from: url)
        let outbox: SQLiteOutbox
        if delivering {
            if let database { configuration.database = database.standardizedFileURL }
            outbox = try SQLiteOutbox(path: configuration.database.path)
        } else if let database {
            let live = configuration.database.standardizedFileURL.resolvingSymlinksInPath()
            let copy = database.standardizedFileURL.resolvingSymlinksInPath()
            guard live.path != copy.path, !sameFile(live, copy) else {
                throw ScheduleRunError.liveDatabase(path: database.path)
            }
            outbox = try SQLiteOutbox(path: copy.path)
            configuration.database = copy
        } else {
            outbox = try SQLiteOutbox.inMemory()
            configuration.database = URL(fileURLWithPath: ":memory:")
        }
        let clock = ManualClock(start)
        return (CrierSystem(configuration: configuration, outbox: outbox, clock: clock), clock)
    }

    /// Whether two paths name the same file (a hard link or another spelling of the live database).
    private static func sameFile(_ lhs: URL, _ rhs: URL) -> Bool {
        guard let left = try? FileManager.default.attributesOfItem(atPath: lhs.path),
            let right = try? FileManager.default.attributesOfItem(atPath: rhs.path),
            let leftNode = left[.systemFileNumber] as? Int, let rightNode = right[.systemFileNumber] as? Int
        else { return false }
        return leftNode == rightNode && (left[.systemNumber] as? Int) == (right[.systemNumber] as? Int)
    }

    /// Jumps `clock` from firing to firing until `until`, firing each slot and draining its
    /// deliveries into a recording transport; `progress` hears about each slot as it is handled.
    public static func run(
        system: CrierSystem, clock: ManualClock, catalog: ScheduleCatalog, library: TemplateLibrary, until: Date,
        logger: Logger, transports: [Channel: any Transport]? = nil,
        progress: (Date, String, SchedulerTick.Entry) -> Void = { _, _, _ in }
    ) async throws -> Report {
        let scheduler = system.makeScheduler(catalog: catalog, library: library, logger: logger)
        let sink = RecordingTransport()
        var settings = system.dispatchSettings
        // The simulated clock stands still while draining, so rate limits could never refill.
        settings.routes = settings.routes.mapValues { .init(concurrency: $0.concurrency) }
        settings.idlePollInterval = 0.01
        settings.pollInterval = 0.01
        let dispatcher = Dispatcher(
            store: system.outbox, transports: transports ?? [.webhook: sink, .email: sink], settings: settings,
            clock: clock,
            logger: logger)
        var report = Report()
        while true {
            let tick = await scheduler.tick()
            let handled =
                tick.fired.map { ("fired", $0) } + tick.missed.map { ("missed", $0) }
                + tick.skipped.map { ("skipped: nothing new", $0) }
                + tick.passedBeforeEnabled.map { (SlotOutcome.passedBeforeEnabled.rawValue, $0) }
            for (outcome, entry) in handled {
                report.slots.append((tick.now, outcome, entry))
                progress(tick.now, outcome, entry)
            }
            report.failures.merge(tick.failures) { first, _ in first }
            report.deliveries += try await dispatcher.run(untilIdle: true).delivered
            guard let next = scheduler.nextFiring(after: clock.now()), next.fireAt <= until else { break }
            clock.set(next.fireAt)
        }
        return report
    }
}

/// A transport that sends nothing and reports every delivery as delivered: rehearsals drain into it.
final class RecordingTransport: Transport {
    private let count = Atomic<Int>(0)

    /// How many deliveries it has taken.
    var deliveries: Int { count.load(ordering: .relaxed) }

    func deliver(_ delivery: OutboundDelivery) async -> DeliveryOutcome {
        count.add(1, ordering: .relaxed)
        return .delivered(detail: "rehearsal: recorded, not sent")
    }
}
