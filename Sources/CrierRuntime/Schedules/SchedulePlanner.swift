public import CrierCore
public import Foundation

/// Turns schedules into firings: the DST rule (from `Timetable`) plus quiet hours.
///
/// A non-urgent slot due in quiet hours is held until they end, keeping its key; when several
/// slots of one schedule are held to the same moment, only the latest fires (the others are
/// superseded, as after downtime). `quiet_hours: ignore` fires at the slot's own time.
public struct SchedulePlanner: Sendable {
    /// The installation's quiet hours, or nil for none.
    public let quietHours: QuietHours?
    /// The zone quiet hours are read in (the installation's).
    public let quietZone: TimeZone

    /// A planner with explicit quiet hours.
    public init(quietHours: QuietHours?, quietZone: TimeZone) {
        self.quietHours = quietHours
        self.quietZone = quietZone
    }

    /// The planner crier.yml describes.
    public init(configuration: CrierConfiguration) {
        let quiet = try? QuietHours(start: configuration.quietHoursStart, end: configuration.quietHoursEnd)
        self.init(quietHours: quiet, quietZone: configuration.timeZone)
    }

    /// How far before a firing its slot can lie: the longest quiet period plus a DST hour.
    var holdMargin: TimeInterval {
        guard let quiet = quietHours, quiet.startMinute != quiet.endMinute else { return 0 }
        let minutes = (quiet.endMinute - quiet.startMinute + 1_440) % 1_440
        return TimeInterval(minutes * 60 + 7_200)
    }

    /// The firing of one slot of `schedule`.
    public func firing(of slot: Slot, in schedule: Schedule) -> PlannedFiring {
        var fireAt = slot.instant
        if schedule.quietHours == .respect, let quiet = quietHours, mayBeQuiet(slot, in: schedule, quiet: quiet),
            let release = quiet.release(of: slot.instant, in: quietZone)
        {
            fireAt = release
        }
        let offset = fireAt == slot.instant ? slot.utcOffset : schedule.timeZone.secondsFromGMT(for: fireAt)
        return PlannedFiring(scheduleID: schedule.id, slot: slot, fireAt: fireAt, fireOffset: offset)
    }

    /// A cheap first look (a year of slots asks it often): false only when the slot is surely
    /// outside quiet hours, read on the slot's own offset when the zones agree.
    private func mayBeQuiet(_ slot: Slot, in schedule: Schedule, quiet: QuietHours) -> Bool {
        guard schedule.timeZone == quietZone else { return true }
        let local = Int(slot.instant.timeIntervalSince1970.rounded(.down)) + slot.utcOffset
        let minute = ((local % 86_400 + 86_400) % 86_400) / 60
        let start = quiet.startMinute
        let end = quiet.endMinute
        if start < end { return start <= minute && minute < end }
        if start > end { return minute >= start || minute < end }
        return false
    }

    /// Every firing of `schedule` whose fire time is in `from ..< to`, in order, one per slot
    /// (held slots included, even those a later slot will supersede).
    func allFirings(of schedule: Schedule, from: Date, to: Date) -> [PlannedFiring] {
        let slots = schedule.timetable.slots(in: schedule.timeZone, from: from.addingTimeInterval(-holdMargin), to: to)
        return slots.map { firing(of: $0, in: schedule) }.filter { $0.fireAt >= from && $0.fireAt < to }
    }

    /// The firings of `schedule` in `from ..< to` that will send: of slots held to the same moment,
    /// only the latest.
    public func firings(of schedule: Schedule, from: Date, to: Date) -> [PlannedFiring] {
        var result: [PlannedFiring] = []
        for firing in allFirings(of: schedule, from: from, to: to) {
            if let last = result.last, last.fireAt == firing.fireAt {
                result[result.count - 1] = firing
            } else {
                result.append(firing)
            }
        }
        return result
    }

    /// The firings of all `schedules` in `from ..< to`, ordered by fire time, then schedule id.
    public func plan(_ schedules: [Schedule], from: Date, to: Date) -> [PlannedFiring] {
        schedules.flatMap { firings(of: $0, from: from, to: to) }.sorted { lhs, rhs in
            if lhs.fireAt != rhs.fireAt { return lhs.fireAt < rhs.fireAt }
            if lhs.scheduleID != rhs.scheduleID { return lhs.scheduleID < rhs.scheduleID }
            return lhs.slot < rhs.slot
        }
    }

    /// The first firing of `schedule` strictly after `after`, if it ever fires again.
    public func nextFiring(of schedule: Schedule, after: Date) -> PlannedFiring? {
        let start = after.addingTimeInterval(0.5)
        // Wider and wider looks: cheap for frequent schedules; nine years finds any 29 February.
        for span: TimeInterval in [86_400, 32 * 86_400, 366 * 86_400, 9 * 366 * 86_400] {
            if let first = firings(of: schedule, from: start, to: start.addingTimeInterval(span)).first { return first }
        }
        return nil
    }
}
