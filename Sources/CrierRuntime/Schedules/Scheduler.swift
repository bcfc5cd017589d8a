import CrierCore
import CrierStore
public import Foundation
import Logging
import Synchronization

/// Fires schedules: each (schedule, slot) exactly once, on the injected clock.
///
/// Each pass first records which schedules it sees, enabled or not (`ScheduleSighting`): a slot whose
/// time is before the schedule was first seen, or before it was last seen becoming enabled, never
/// fires and is never recorded as missed (a schedule added at 07:40 with `10 7 * * *` first fires
/// tomorrow). A one-off whose time had already passed then is recorded once as
/// `passedBeforeEnabled` and logged, not sent. Then it catches up (`Timetable.catchUp`) on the
/// slots that became due since the last pass (after a restart: since the schedule's last recorded
/// slot), applying the misfire rule (the latest slot within `misfire_grace` fires, older ones are
/// recorded missed). A slot is recorded with its message in one transaction, and the record's
/// unique key is the only check that it has not fired yet, so a crash at any point neither loses
/// a slot nor fires it twice. Time comes only from the injected clock: tests drive a `ManualClock`
/// and never sleep.
public final class Scheduler: Sendable {
    /// The schedules and what fires them; replaced as a whole by a reload (`replaceInputs`), and
    /// only between passes, so one pass never mixes two sets.
    private let inputs: Mutex<(current: SchedulerInputs, next: SchedulerInputs?)>
    private let ledger: any ScheduleLedger
    let clock: any CrierCore.Clock
    let logger: Logger
    /// Per schedule: every slot firing at or before this instant has been handled.
    private let handledThrough = Mutex<[String: Date]>([:])
    /// Per schedule: what the ledger says of when it was seen, as of this scheduler's last look.
    private let sightings = Mutex<[String: ScheduleSighting]>([:])

    /// A scheduler for the active schedules of `catalog`: it records slots in `ledger`, composes
    /// with `composer` (bulletins with `bulletins`), and reads time from `clock` only.
    init(
        catalog: ScheduleCatalog, composer: any SlotComposer, bulletins: BulletinComposer, ledger: any ScheduleLedger,
        clock: any CrierCore.Clock, planner: SchedulePlanner, misfireGrace: TimeInterval, areaIDs: [String],
        logger: Logger
    ) {
        self.inputs = Mutex(
            (
                SchedulerInputs(
                    catalog: catalog, composer: composer, bulletins: bulletins, planner: planner,
                    misfireGrace: misfireGrace, areaIDs: areaIDs), nil
            ))
        self.ledger = ledger
        self.clock = clock
        self.logger = logger
    }

    /// The active set's schedules.
    public var catalog: ScheduleCatalog { inputs.withLock { $0.current.catalog } }
    /// The active set's planner (quiet hours, time zone).
    public var planner: SchedulePlanner { inputs.withLock { $0.current.planner } }
    private var composer: any SlotComposer { inputs.withLock { $0.current.composer } }
    private var bulletins: BulletinComposer { inputs.withLock { $0.current.bulletins } }
    /// Late slots within this many seconds fire (the latest only); older ones are recorded missed.
    private var misfireGrace: TimeInterval { inputs.withLock { $0.current.misfireGrace } }
    /// Every area, in order: what a bulletin for `city` covers.
    private var areaIDs: [String] { inputs.withLock { $0.current.areaIDs } }

    /// Makes `next` the active set from the next pass on (a reload).
    func replaceInputs(_ next: SchedulerInputs) {
        inputs.withLock { $0.next = next }
    }

    /// Handles every slot due now; returns what it did. Failures of one schedule do not stop the others.
    @discardableResult
    public func tick() async -> SchedulerTick {
        inputs.withLock { state in
            if let next = state.next { (state.current, state.next) = (next, nil) }
        }
        let now = clock.now()
        var report = SchedulerTick(now: now)
        var enabledSince: [String: Date] = [:]
        for schedule in catalog.schedules {
            do {
                enabledSince[schedule.id] = try await see(schedule, now: now, report: &report)
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
        SchedulerMetrics.record(report)
        return report
    }

    /// The earliest instant after `now` at which some schedule fires, if any will.
    public func nextFiring(after now: Date) -> PlannedFiring? {
        catalog.active.compactMap { planner.nextFiring(of: $0, after: now) }.min { $0.fireAt < $1.fireAt }
    }

    /// Records that this pass sees `schedule` (once per run, and again when it changes between
    /// enabled and disabled) and returns since when it has been enabled, nil when it is disabled.
    ///
    /// A one-off whose time had passed before then is recorded as `passedBeforeEnabled` and logged
    /// (once: the slot record is unique): it will never fire, and the operator should know.
    private func see(_ schedule: Schedule, now: Date, report: inout SchedulerTick) async throws -> Date? {
        if let known = sightings.withLock({ $0[schedule.id] }), (known.enabledSince != nil) == schedule.enabled {
            return known.enabledSince
        }
        let sighting = try await ledger.noteSighting(of: schedule.id, enabled: schedule.enabled, at: now)
        handledThrough.withLock { $0[schedule.id] = nil }
        guard let since = sighting.enabledSince,
            let slot = schedule.timetable.oneOffSlot(in: schedule.timeZone), slot.instant < since
        else {
            sightings.withLock { $0[schedule.id] = sighting }
            return sighting.enabledSince
        }
        // Remembered only once recorded: if this throws, the next pass looks again.
        if try await ledger.recordSlot(slot.key, of: schedule.id, outcome: .passedBeforeEnabled, at: now) {
            report.passedBeforeEnabled.append(.init(scheduleID: schedule.id, slotKey: slot.key, messageID: nil))
            logger.warning(
                "one-off schedule not sent: its time had passed before crier saw it enabled",
                metadata: ["schedule": "\(schedule.id)", "slot": "\(slot.key)", "file": "\(schedule.file)"])
        }
        sightings.withLock { $0[schedule.id] = sighting }
        return sighting.enabledSince
    }

    /// What to do with the slots of `schedule` due by `now` and not handled by this scheduler: the
    /// misfire rule applied to the slots since the last pass (after a restart, since the last
    /// recorded slot), never one whose own time is before `enabledSince`.
    ///
    /// Slots already recorded may be among them: recording them again writes nothing.
    func due(_ schedule: Schedule, enabledSince: Date, now: Date) async throws -> MisfirePlan {
        let seenFrom = enabledSince.addingTimeInterval(-0.001)
        var fireAfter: Date
        if let known = handledThrough.withLock({ $0[schedule.id] }) {
            fireAfter = known
        } else if let last = try await ledger.lastSlotKey(of: schedule.id), let key = SlotKey(last) {
            // Keys sort as wall time, not time, around DST changes (see `SlotKey`): look an hour
            // further back; recording a slot again writes nothing.
            fireAfter = key.instant.addingTimeInterval(-3_600)
        } else {
            // Nothing recorded yet: every slot since it was seen enabled (a new schedule: none before now).
            fireAfter = seenFrom
        }
        // Slots before the schedule was seen enabled are none of its business, fired or missed.
        fireAfter = max(fireAfter, seenFrom)
        return schedule.timetable.catchUp(
            lastHandled: fireAfter, now: now, grace: misfireGrace, in: schedule.timeZone, notBefore: enabledSince,
            holdMargin: planner.holdMargin
        ) { planner.firing(of: $0, in: schedule).effectiveSlot }
    }

    /// The slot keys one firing records: the slot key, or one per area for a bulletin.
    func keys(for schedule: Schedule, slot: Slot) -> [String] {
        schedule.kind == .bulletin ? bulletinAreas(schedule).map { slot.slotKey.forArea($0).description } : [slot.key]
    }

    private func bulletinAreas(_ schedule: Schedule) -> [String] {
        schedule.areas.contains(Area.cityID) ? areaIDs : schedule.areas
    }

    private func handle(_ schedule: Schedule, enabledSince: Date, now: Date, report: inout SchedulerTick)
        async throws
    {
        let plan = try await due(schedule, enabledSince: enabledSince, now: now)
        for slot in plan.missed {
            for key in keys(for: schedule, slot: slot)
            where try await ledger.recordSlot(key, of: schedule.id, outcome: .missed, at: now) {
                report.missed.append(.init(scheduleID: schedule.id, slotKey: key, messageID: nil))
            }
        }
        guard let slot = plan.fire else { return }
        if slot.instant > slot.slotKey.instant { SchedulerMetrics.held() }
        switch schedule.kind {
        case .campaign:
            try await fireCampaign(schedule, slot: slot, report: &report)
        case .bulletin:
            try await fireBulletin(schedule, slot: slot, now: now, report: &report)
        }
    }

    private func fireCampaign(_ schedule: Schedule, slot: Slot, report: inout SchedulerTick) async throws {
        let key = slot.key
        let request = CompositionRequest(
            template: schedule.template, areas: schedule.areas, channels: schedule.channels,
            variables: schedule.variables,
            priority: .normal, proposedBy: schedule.proposer, cap: schedule.messageCAP)
        if let message = try await composer.compose(request, scheduleID: schedule.id, slotKey: key) {
            report.fired.append(.init(scheduleID: schedule.id, slotKey: key, messageID: message.id))
        }
    }

    /// Composes one bulletin per area, each its own slot record (`key/area`).
    ///
    /// `slot` is the slot as it fires (held by quiet hours, its instant is when they end): the
    /// bulletin covers the period up to then.
    private func fireBulletin(_ schedule: Schedule, slot: Slot, now: Date, report: inout SchedulerTick) async throws {
        for area in bulletinAreas(schedule) {
            let key = slot.slotKey.forArea(area).description
            guard let content = try bulletins.content(area: area, period: schedule.period, end: slot.instant)
            else {
                if try await ledger.recordSlot(key, of: schedule.id, outcome: .skippedNothingNew, at: now) {
                    report.skipped.append(.init(scheduleID: schedule.id, slotKey: key, messageID: nil))
                }
                continue
            }
            var request = CompositionRequest(
                template: schedule.template, areas: [area], channels: schedule.channels, variables: content.variables,
                priority: .normal, proposedBy: schedule.proposer, cap: schedule.messageCAP)
            request.bulletinItems = content.newsItems
            if let message = try await composer.compose(request, scheduleID: schedule.id, slotKey: key) {
                report.fired.append(.init(scheduleID: schedule.id, slotKey: key, messageID: message.id))
            }
        }
    }
}
