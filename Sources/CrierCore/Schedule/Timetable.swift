public import Foundation

/// When a schedule fires: a cron expression or a one-off local time, within an optional window.
///
/// Turns wall-clock times into slots in an IANA zone with the DST rule (after Vixie cron):
///
/// | schedule | wall time skipped (clocks forward) | wall time repeated (clocks back) |
/// |---|---|---|
/// | fixed hour (hour field not `*`, not `*/n`), and `at` | fires at the first valid minute after the gap | fires once, at the first occurrence |
/// | hour `*` or `*/n` (follows the wall clock) | does not fire | fires at every occurrence |
///
/// Several fixed-hour slots in one gap (`15,45 1 * * *` on 29 March in London) collapse into one
/// firing at the end of the gap, keyed by the earliest; if the schedule also names the first minute
/// after the gap (`0,30 1,2 * * *` names 02:00), the gap's slots fold into that slot instead, so a
/// schedule never fires twice at one instant.
public struct Timetable: Sendable, Hashable {
    /// The two kinds of schedule timing.
    public enum Timing: Sendable, Hashable {
        /// Repeats as the expression says.
        case cron(CronExpression)
        /// Fires once at this local time.
        case once(LocalDateTime)
    }

    /// When it fires.
    public let timing: Timing
    /// The bounds outside which no slot is produced.
    public let window: ScheduleWindow

    /// A timetable from its timing and window.
    public init(_ timing: Timing, window: ScheduleWindow = .always) {
        self.timing = timing
        self.window = window
    }

    /// The slots whose instants fall in `from ..< to`, in order.
    ///
    /// Half-open, so consecutive windows (`a..<b`, `b..<c`) never produce a slot twice.
    public func slots(in zone: TimeZone, from: Date, to: Date) -> [Slot] {
        let lower = Int64(from.timeIntervalSince1970.rounded(.up))
        let upper = Int64(to.timeIntervalSince1970.rounded(.up)) - 1
        return slots(in: zone, lower: lower, upper: upper)
    }

    /// The first slot strictly after `after`, or nil when there is none (past `until`, or a
    /// one-off that has gone).
    public func nextSlot(after: Date, in zone: TimeZone) -> Slot? {
        var lower = Int64(after.timeIntervalSince1970.rounded(.down)) + 1
        if let from = window.from { lower = max(lower, from.wallSeconds - 86_400) }
        if case .once(let time) = timing {
            return slots(in: zone, lower: lower, upper: time.wallSeconds + 86_400).first
        }
        // Wider and wider looks: cheap for frequent schedules, and 9 years finds any 29 February.
        for span: Int64 in [3_600, 86_400, 32 * 86_400, 366 * 86_400, 9 * 366 * 86_400] {
            if let until = window.until, lower > until.wallSeconds + 86_400 { return nil }
            if let slot = slots(in: zone, lower: lower, upper: lower + span).first { return slot }
        }
        return nil
    }

    /// The slots with instants in `lower...upper` (epoch seconds), in order.
    func slots(in zone: TimeZone, lower: Int64, upper: Int64) -> [Slot] {
        guard lower <= upper else { return [] }
        let offsets = ZoneOffsets(zone: zone, from: lower, through: upper)
        var wallFrom = lower + Int64(offsets.minOffset)
        var wallThrough = upper + Int64(offsets.maxOffset)
        if let from = window.from { wallFrom = max(wallFrom, from.wallSeconds) }
        if let until = window.until { wallThrough = min(wallThrough, until.wallSeconds) }

        var result: [Slot] = []
        let emit = { (wall: Int64, followsWallClock: Bool) in
            let nominal = LocalDateTime(wallSeconds: wall)
            func add(_ instant: Int64, nominalOffset: Int, adjustment: Slot.Adjustment) {
                guard lower <= instant, instant <= upper else { return }
                result.append(
                    Slot(
                        instant: instant, nominal: nominal, nominalOffset: nominalOffset,
                        utcOffset: offsets.offset(at: instant), adjustment: adjustment))
            }
            switch offsets.resolve(wall: wall) {
            case .unique(let instant):
                add(instant, nominalOffset: Int(wall - instant), adjustment: .none)
            case .repeated(let first, let second):
                add(first, nominalOffset: Int(wall - first), adjustment: .none)
                if followsWallClock { add(second, nominalOffset: Int(wall - second), adjustment: .repeatedHour) }
            case .skipped(let gapEnd, let offsetBefore):
                if !followsWallClock { add(gapEnd, nominalOffset: offsetBefore, adjustment: .movedOutOfGap) }
            }
        }

        switch timing {
        case .cron(let expression):
            expression.forEachWallTime(from: wallFrom, through: wallThrough) { wall in
                emit(wall, expression.followsWallClock)
                return true
            }
        case .once(let time):
            let wall = time.wallSeconds
            if wallFrom <= wall, wall <= wallThrough { emit(wall, false) }
        }
        return Self.ordered(result)
    }

    /// Sorts by instant (only repeated hours break wall-clock order) and keeps one slot per instant,
    /// preferring one that was not moved out of a gap.
    private static func ordered(_ slots: [Slot]) -> [Slot] {
        var sorted = slots
        if zip(slots, slots.dropFirst()).contains(where: { !($0.0 < $0.1) }) { sorted.sort() }
        var result: [Slot] = []
        result.reserveCapacity(sorted.count)
        for slot in sorted {
            if let last = result.last, last.instant == slot.instant {
                if last.adjustment == .movedOutOfGap, slot.adjustment != .movedOutOfGap {
                    result[result.count - 1] = slot
                }
                continue
            }
            result.append(slot)
        }
        return result
    }
}
