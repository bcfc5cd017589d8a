import CrierCore
import CrierStore
import CrierTemplates
public import Foundation
public import Logging
import Synchronization

/// Fires schedules: each (schedule, slot) exactly once, on the injected clock.
///
/// Each pass first records which schedules it sees, enabled or not (`ScheduleSighting`): a slot whose
/// time is before the schedule was first seen, or before it was last seen becoming enabled, never
/// fires and is never recorded as missed (a schedule added at 07:40 with `10 7 * * *` first fires
/// tomorrow). A one-off whose time had already passed then is recorded once as
/// `passedBeforeEnabled` and logged, not sent. Then it looks at the slots that became due since the
/// last pass (after a restart: since the schedule's last recorded slot), applies the misfire rule
/// (the latest slot within `misfire_grace` fires, older ones are recorded missed) and writes each
/// firing's slot record and message in one transaction, so a crash at any point neither loses a
/// slot nor fires it twice. Time comes only from `system.clock`: tests drive a `ManualClock` and
/// never sleep.
public final class Scheduler: Sendable {
    public let composer: Composer
    public let catalog: ScheduleCatalog
    public let planner: SchedulePlanner
    private let logger: Logger
    /// Per schedule: every slot firing at or before this instant has been handled.
    private let handledThrough = Mutex<[String: Date]>([:])
    /// Per schedule: what the outbox says of when it was seen, as of this scheduler's last look.
    private let sightings = Mutex<[String: ScheduleSighting]>([:])
    private let stopping = Atomic<Bool>(false)

    /// A scheduler for the active schedules of `catalog`, composing with `composer`.
    public init(composer: Composer, catalog: ScheduleCatalog, logger: Logger = Logger(label: "crier.scheduler")) {
        self.composer = composer
        self.catalog = catalog
        self.planner = SchedulePlanner(configuration: composer.system.configuration)
        self.logger = logger
    }

    private var system: CrierSystem { composer.system }

    /// Handles every slot due now; returns what it did. Failures of one schedule do not stop the others.
    @discardableResult
    public func tick() async -> SchedulerTick {
        let now = system.clock.now()
        var report = SchedulerTick(now: now)
        var enabledSince: [String: Date] = [:]
        for schedule in catalog.schedules {
            do {
                enabledSince[schedule.id] = try see(schedule, now: now, report: &report)
            } catch {
                let reason = "\(error)"
                report.failures[schedule.id] = reason
                logger.error(
                    "schedule could not be recorded as seen",
                    metadata: ["schedule": "\(schedule.id)", "error": "\(reason)"])
            }
        }
        for schedule in catalog.active {
            guard let since = enabledSince[schedule.id] else { continue }
            do {
                try await handle(schedule, enabledSince: since, now: now, report: &report)
                handledThrough.withLock { $0[schedule.id] = now }
            } catch {
                // Not marked handled: the next pass tries again, until the misfire grace runs out.
                let reason = "\(error)"
                report.failures[schedule.id] = reason
                logger.error("schedule could not fire", metadata: ["schedule": "\(schedule.id)", "error": "\(reason)"])
            }
        }
        return report
    }

    /// The earliest instant after `now` at which some schedule fires, if any will.
    public func nextFiring(after now: Date) -> PlannedFiring? {
        catalog.active.compactMap { planner.nextFiring(of: $0, after: now) }.min { $0.fireAt < $1.fireAt }
    }

    /// Asks a running `run` to return after its current pass.
    public func requestStop() { stopping.store(true, ordering: .relaxed) }

    /// Runs passes until stopped, sleeping until the next firing (at most `maxPause` seconds at a time).
    public func run(maxPause: Double = 1) async throws {
        while !stopping.load(ordering: .relaxed) {
            let report = await tick()
            for entry in report.fired {
                logger.info("slot fired", metadata: ["schedule": "\(entry.scheduleID)", "slot": "\(entry.slotKey)"])
            }
            for entry in report.missed {
                logger.warning(
                    "slot missed", metadata: ["schedule": "\(entry.scheduleID)", "slot": "\(entry.slotKey)"])
            }
            let now = system.clock.now()
            let wait = nextFiring(after: now).map { $0.fireAt.timeIntervalSince(now) } ?? maxPause
            try await Task.sleep(for: .seconds(min(max(wait, 0.01), maxPause)))
        }
    }

    /// Records that this pass sees `schedule` (once per run, and again when it changes between
    /// enabled and disabled) and returns since when it has been enabled, nil when it is disabled.
    ///
    /// A one-off whose time had passed before then is recorded as `passedBeforeEnabled` and logged
    /// (once: the slot record is unique): it will never fire, and the operator should know.
    private func see(_ schedule: Schedule, now: Date, report: inout SchedulerTick) throws -> Date? {
        if let known = sightings.withLock({ $0[schedule.id] }), (known.enabledSince != nil) == schedule.enabled {
            return known.enabledSince
        }
        let sighting = try system.outbox.sightSchedule(schedule.id, enabled: schedule.enabled, at: now).sighting
        handledThrough.withLock { $0[schedule.id] = nil }
        guard let since = sighting.enabledSince,
            let slot = schedule.timetable.oneOffSlot(in: schedule.timeZone), slot.instant < since
        else {
            sightings.withLock { $0[schedule.id] = sighting }
            return sighting.enabledSince
        }
        // Remembered only once recorded: if this throws, the next pass looks again.
        if try system.outbox.recordSlot(
            scheduleID: schedule.id, slotKey: slot.key, outcome: .passedBeforeEnabled, at: now, message: nil,
            renditions: [], deliveries: [NewDelivery]())
        {
            report.passedBeforeEnabled.append(.init(scheduleID: schedule.id, slotKey: slot.key, messageID: nil))
            logger.warning(
                "one-off schedule not sent: its time had passed before crier saw it enabled",
                metadata: ["schedule": "\(schedule.id)", "slot": "\(slot.key)", "file": "\(schedule.file)"])
        }
        sightings.withLock { $0[schedule.id] = sighting }
        return sighting.enabledSince
    }

    /// The slots of `schedule` due by `now` and not yet handled, as the misfire rule sees them:
    /// never one whose own time is before `enabledSince` (when it was first seen, or last enabled).
    func due(_ schedule: Schedule, enabledSince: Date, now: Date) throws -> [PlannedFiring] {
        let known = handledThrough.withLock { $0[schedule.id] }
        var fireAfter: Date
        if let known {
            fireAfter = known
        } else if let last = try system.outbox.lastSlot(scheduleID: schedule.id),
            let instant = Self.instant(ofKey: last.slotKey)
        {
            // Slots before the last recorded one were handled; look an hour further back for the
            // repeated hour's keys, and let the records say what is done.
            fireAfter = instant.addingTimeInterval(-3_600)
        } else {
            // Nothing recorded yet: every slot since it was seen enabled (a new schedule: none before now).
            fireAfter = enabledSince.addingTimeInterval(-0.001)
        }
        // Slots before the schedule was seen enabled are none of its business, fired or missed.
        fireAfter = max(fireAfter, enabledSince.addingTimeInterval(-0.001))
        guard fireAfter < now else { return [] }
        let candidates = planner.allFirings(
            of: schedule, from: fireAfter.addingTimeInterval(0.001), to: now.addingTimeInterval(0.001))
        return try candidates.filter { firing in
            guard firing.slot.instant >= enabledSince else { return false }
            return try !keys(for: schedule, firing: firing).allSatisfy {
                try system.outbox.slotExists(scheduleID: schedule.id, slotKey: $0)
            }
        }
    }

    /// The slot keys one firing records: the slot key, or one per area for a bulletin.
    func keys(for schedule: Schedule, firing: PlannedFiring) -> [String] {
        schedule.kind == .bulletin ? bulletinAreas(schedule).map { "\(firing.slot.key)/\($0)" } : [firing.slot.key]
    }

    private func bulletinAreas(_ schedule: Schedule) -> [String] {
        schedule.areas.contains(Area.cityID) ? system.configuration.areas.map(\.id) : schedule.areas
    }

    private func handle(_ schedule: Schedule, enabledSince: Date, now: Date, report: inout SchedulerTick) async throws {
        let pending = try due(schedule, enabledSince: enabledSince, now: now)
        guard !pending.isEmpty else { return }
        let byKey = Dictionary(pending.map { ($0.slot.key, $0) }, uniquingKeysWith: { first, _ in first })
        let plan = MisfirePlan(due: pending.map(\.effectiveSlot), now: now, grace: system.configuration.misfireGrace)
        for slot in plan.missed {
            guard let firing = byKey[slot.key] else { continue }
            for key in keys(for: schedule, firing: firing) {
                if try system.outbox.recordSlot(
                    scheduleID: schedule.id, slotKey: key, outcome: .missed, at: now, message: nil, renditions: [],
                    deliveries: [NewDelivery]())
                {
                    report.missed.append(.init(scheduleID: schedule.id, slotKey: key, messageID: nil))
                }
            }
        }
        guard let slot = plan.fire, let firing = byKey[slot.key] else { return }
        switch schedule.kind {
        case .campaign:
            try await fireCampaign(schedule, firing: firing, report: &report)
        case .bulletin:
            try await fireBulletin(schedule, firing: firing, now: now, report: &report)
        }
    }

    private func fireCampaign(_ schedule: Schedule, firing: PlannedFiring, report: inout SchedulerTick) async throws {
        let key = firing.slot.key
        let request = CompositionRequest(
            template: schedule.template, areas: schedule.areas, channels: schedule.channels,
            variables: schedule.variables,
            priority: .normal, proposedBy: schedule.proposer, cap: schedule.messageCAP)
        if let message = try await composer.compose(request, scheduleID: schedule.id, slotKey: key) {
            report.fired.append(.init(scheduleID: schedule.id, slotKey: key, messageID: message.id))
        }
    }

    private func fireBulletin(_ schedule: Schedule, firing: PlannedFiring, now: Date, report: inout SchedulerTick)
        async throws
    {
        let bulletins = BulletinComposer(system: system, library: composer.library)
        for area in bulletinAreas(schedule) {
            let key = "\(firing.slot.key)/\(area)"
            guard try !system.outbox.slotExists(scheduleID: schedule.id, slotKey: key) else { continue }
            guard let variables = try bulletins.variables(area: area, period: schedule.period, end: firing.fireAt)
            else {
                if try system.outbox.recordSlot(
                    scheduleID: schedule.id, slotKey: key, outcome: .skippedNothingNew, at: now, message: nil,
                    renditions: [],
                    deliveries: [NewDelivery]())
                {
                    report.skipped.append(.init(scheduleID: schedule.id, slotKey: key, messageID: nil))
                }
                continue
            }
            let request = CompositionRequest(
                template: schedule.template, areas: [area], channels: schedule.channels, variables: variables,
                priority: .normal, proposedBy: schedule.proposer, cap: schedule.messageCAP)
            if let message = try await composer.compose(request, scheduleID: schedule.id, slotKey: key) {
                report.fired.append(.init(scheduleID: schedule.id, slotKey: key, messageID: message.id))
            }
        }
    }

    /// The instant a slot key names (`2026-10-25T01:30+01:00`, optionally followed by `/area`).
    static func instant(ofKey key: String) -> Date? {
        let text = key.split(separator: "/").first.map(String.init) ?? key
        guard text.count >= 22 else { return nil }
        let wall = String(text.prefix(16))
        let offsetText = text.dropFirst(16)
        guard let sign = offsetText.first, sign == "+" || sign == "-",
            let hours = Int(offsetText.dropFirst().prefix(2)), let minutes = Int(offsetText.suffix(2)),
            let time = try? LocalDateTime(parsing: wall, field: "slot")
        else { return nil }
        let offset = (hours * 3_600 + minutes * 60) * (sign == "-" ? -1 : 1)
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(secondsFromGMT: 0) else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(
            year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute)
        return calendar.date(from: components)?.addingTimeInterval(TimeInterval(-offset))
    }
}
