public import CrierCore
public import Foundation

/// One slot of one schedule as it will fire: its key and nominal time, and when it actually goes
/// (later than the slot when quiet hours hold it).
public struct PlannedFiring: Sendable, Hashable {
    /// The schedule's id.
    public let scheduleID: String
    /// The slot, keyed as the outbox records it.
    public let slot: Slot
    /// When it fires: the slot's instant, or the end of the quiet hours holding it.
    public let fireAt: Date
    /// The UTC offset in force at `fireAt`, in seconds east.
    public let fireOffset: Int

    /// A firing from its parts.
    public init(scheduleID: String, slot: Slot, fireAt: Date, fireOffset: Int) {
        self.scheduleID = scheduleID
        self.slot = slot
        self.fireAt = fireAt
        self.fireOffset = fireOffset
    }

    /// Whether quiet hours hold the slot past its own time.
    public var isHeld: Bool { fireAt > slot.instant }

    /// The slot as the scheduler handles it: the same key, with the instant it fires at.
    public var effectiveSlot: Slot {
        Slot(
            instant: fireAt, nominal: slot.nominal, nominalOffset: slot.nominalOffset, utcOffset: fireOffset,
            adjustment: slot.adjustment)
    }

    /// `2026-03-29T09:00:00+01:00`: when it fires, on the local clock, in ISO 8601 with its offset.
    public var localTime: String { ScheduleTimeText.local(fireAt, offset: fireOffset) }

    /// `2026-03-29T08:00:00Z`: when it fires, in UTC.
    public var utcTime: String { ScheduleTimeText.utc(fireAt) }
}

/// ISO 8601 text for schedule instants, with the local offset or in UTC.
///
/// Formats with integer arithmetic: `crier plan` writes hundreds of thousands of these, and a
/// Foundation formatter per line would dominate its time.
enum ScheduleTimeText {
    /// `2026-03-29T02:00:00+01:00` (never `Z`: operators and CAP expect `+00:00`).
    static func local(_ instant: Date, offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return wall(instant, offset: offset) + "\(sign)\(two(magnitude / 3_600)):\(two(magnitude % 3_600 / 60))"
    }

    /// `2026-03-29T01:00:00Z`.
    static func utc(_ instant: Date) -> String { wall(instant, offset: 0) + "Z" }

    /// `2026-03-29T02:00:00`: the wall clock `offset` seconds east of UTC at `instant`.
    private static func wall(_ instant: Date, offset: Int) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(days: days)
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
