import ArgumentParser
import CrierCore
import CrierRuntime
import Foundation
import Logging

/// `crier run`: the daemon that fires schedules and delivers the outbox.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fire schedules and deliver everything due, until stopped (SIGTERM or SIGINT).",
        discussion: """
            The scheduler and the dispatcher run together. Crier refuses to start while a schedule \
            file is invalid (see `crier schedules check`) unless --skip-invalid-schedules is given. \
            On SIGTERM or SIGINT Crier stops firing, stops claiming work, lets in-flight deliveries \
            finish (each has a timeout), gives back anything unfinished, and exits 0.

            --simulate-until DATE rehearses the schedules instead: a simulated clock jumps from \
            firing to firing until DATE, composing each slot and draining its deliveries into a \
            recorder that sends nothing. The rehearsal uses a fresh in-memory outbox, or the copy \
            of the database named by --simulate-database (never the configured database, whose \
            slot records would otherwise say the rehearsed slots had fired). With --simulate-deliver \
            the fast-forwarded run really sends, through the configured endpoints and relay, and \
            records its slots in the configured database: for demonstrations against local receivers.

            One `crier run` at a time delivers from a database: it holds an exclusive lock on \
            `<database>.lock` (its PID is written there) until it exits. A second `crier run` on the \
            same database, with or without --until-idle (or --simulate-deliver), refuses to start \
            and exits 1, naming the PID that holds it. The kernel releases the lock when the holder \
            exits in any way, so a lock left by a killed process never blocks a restart. `crier \
            alert --wait` takes no lock: it delivers beside a running daemon, kept apart by leases.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Fire the slots due now, deliver everything due, then exit.")
    var untilIdle = false

    @Option(name: .long, help: "With --until-idle: also wait for retries due within this many seconds.")
    var idleGrace: Double = 0

    @Flag(name: .long, help: "Start even if some schedule files are invalid: log each and skip it.")
    var skipInvalidSchedules = false

    @Option(name: .long, help: "Rehearse: jump a simulated clock from slot to slot until DATE; nothing is sent.")
    var simulateUntil: String?

    @Option(
        name: .long, help: "With --simulate-until: a copy of the database to rehearse on (default: empty, in memory).")
    var simulateDatabase: String?

    @Flag(
        name: .long,
        help:
            "With --simulate-until: really send through the configured endpoints (e.g. local test receivers), on the configured database."
    )
    var simulateDeliver = false

    @Option(name: .long, help: "Also serve HTTP on HOST:PORT (default: crier.yml's http.listen, if set).")
    var listen: String?

    func validate() throws {
        if simulateDeliver && simulateUntil == nil {
            throw ValidationError("--simulate-deliver is only for --simulate-until")
        }
        if simulateDatabase != nil && simulateUntil == nil {
            throw ValidationError("--simulate-database is only for --simulate-until")
        }
        if listen != nil && simulateUntil != nil {
            throw ValidationError("--listen cannot be combined with --simulate-until")
        }
        if simulateUntil != nil && untilIdle {
            throw ValidationError("--simulate-until cannot be combined with --until-idle")
        }
    }

    func run() async throws {
        global.bootstrapLogging()
        CrierSystem.bootstrapMetrics()
        let logger = Logger(label: "crier.run")
        if let simulateUntil {
            try await rehearse(until: simulateUntil, logger: logger)
            return
        }
        let system = try global.open()
        let lock = try Self.lockDatabase(of: system)
        let (library, loaded) = try system.loadSchedules()
        let catalog = try checked(loaded, logger: logger)
        let scheduler = system.makeScheduler(catalog: catalog, library: library)
        // SIGTERM and SIGINT stop firing and claiming; deliveries in flight finish and are recorded.
        // With --until-idle, one scheduler pass fires what is due, inside the group (a signal during
        // it is a graceful shutdown too), then the outbox is drained.
        let firstPass: (@Sendable () async -> Void)? =
            untilIdle ? { @Sendable in Self.log(await scheduler.tick(), logger: logger) } : nil
        let http = try system.makeHTTPService(
            listen: listen, logger: Logger(label: "crier.http"), onListening: ListenOption.announce)
        let services = try system.makeServices(
            scheduler: untilIdle ? nil : scheduler, library: library, untilIdle: untilIdle, idleGrace: idleGrace,
            firstPass: firstPass, http: http, logger: logger)
        logger.info(
            "crier running",
            metadata: ["database": "\(system.configuration.database.path)", "schedules": "\(catalog.active.count)"])
        let report = try await services.run()
        withExtendedLifetime(lock) {}
        logger.info(
            "crier stopped",
            metadata: [
                "attempts": "\(report.attempts)", "delivered": "\(report.delivered)",
                "retried": "\(report.retried)", "dead": "\(report.dead)",
            ])
    }

    /// Takes the database's daemon lock for this process, or fails (exit 1) naming the PID that holds it.
    private static func lockDatabase(of system: CrierSystem) throws -> DaemonLock {
        do {
            return try DaemonLock(databasePath: system.configuration.database.path)
        } catch {
            throw CommandFailure(message: error.description, isBadInput: false)
        }
    }

    /// The schedules, or exit 2 listing every invalid file (unless told to skip them).
    private func checked(_ catalog: ScheduleCatalog, logger: Logger) throws -> ScheduleCatalog {
        guard !catalog.problems.isEmpty else { return catalog }
        if skipInvalidSchedules {
            for problem in catalog.problems {
                logger.error("skipping invalid schedule", metadata: ["problem": "\(problem)"])
            }
            return catalog
        }
        for problem in catalog.problems.dropLast() {
            FileHandle.standardError.write(Data("crier: \(problem)\n".utf8))
        }
        throw CommandFailure(
            message: "\(catalog.problems.last.map { "\($0)\n" } ?? "")crier: refusing to start with invalid schedules "
                + "(fix them, or pass --skip-invalid-schedules)",
            isBadInput: true)
    }

    private static func log(_ tick: SchedulerTick, logger: Logger) {
        for entry in tick.fired {
            logger.info("slot fired", metadata: ["schedule": "\(entry.scheduleID)", "slot": "\(entry.slotKey)"])
        }
        for entry in tick.missed {
            logger.warning("slot missed", metadata: ["schedule": "\(entry.scheduleID)", "slot": "\(entry.slotKey)"])
        }
        for entry in tick.skipped {
            logger.info(
                "slot skipped: nothing new", metadata: ["schedule": "\(entry.scheduleID)", "slot": "\(entry.slotKey)"])
        }
        for (schedule, reason) in tick.failures {
            logger.error("schedule could not fire", metadata: ["schedule": "\(schedule)", "error": "\(reason)"])
        }
    }

    /// `--simulate-until`: a rehearsal on a simulated clock and a separate outbox; nothing is sent.
    private func rehearse(until text: String, logger: Logger) async throws {
        let (system, clock) = try ScheduleRehearsal.open(
            configuration: global.configURL, database: simulateDatabase.map { URL(fileURLWithPath: $0) }, start: Date(),
            delivering: simulateDeliver)
        // A fast-forward run delivers from the configured database, as a daemon would.
        let lock = simulateDeliver ? try Self.lockDatabase(of: system) : nil
        defer { withExtendedLifetime(lock) {} }
        let until = try ScheduleDates.parse(text, option: "--simulate-until", zone: system.configuration.timeZone)
        guard until > clock.now() else { throw UsageError("--simulate-until must be in the future") }
        let (library, loaded) = try system.loadSchedules()
        let catalog = try checked(loaded, logger: logger)
        // Signatures carry the real time: receivers reject timestamps far from their own clock.
        let transports =
            simulateDeliver
            ? try system.makeTransports(logger: Logger(label: "crier.rehearsal"), signingClock: SystemClock()) : nil
        if simulateDeliver {
            print("fast-forward run on \(system.configuration.database.path): deliveries are really sent")
        } else {
            print("rehearsal on \(simulateDatabase ?? "an empty in-memory outbox"); nothing is sent")
        }
        let report = try await ScheduleRehearsal.run(
            system: system, clock: clock, catalog: catalog, library: library, until: until,
            logger: Logger(label: "crier.rehearsal"), transports: transports
        ) { at, outcome, entry in
            print(
                "\(ScheduleDates.localText(at, zone: system.configuration.timeZone))  \(entry.scheduleID)  \(entry.slotKey)  \(outcome)"
            )
        }
        for (schedule, reason) in report.failures.sorted(by: { $0.key < $1.key }) {
            print("failed: \(schedule): \(reason)")
        }
        print(
            "rehearsal done: \(report.slots.count) slots, \(report.deliveries) deliveries "
                + (simulateDeliver ? "sent" : "recorded (not sent)"))
        if !report.failures.isEmpty {
            throw CommandFailure(message: "\(report.failures.count) schedules could not fire", isBadInput: false)
        }
    }
}
