public import Foundation

extension CronExpression {
    /// The slots of this expression, with no window, whose instants fall in `from ..< to` in `zone`.
    public func slots(in zone: TimeZone, from: Date, to: Date) -> [Slot] {
        Timetable(.cron(self)).slots(in: zone, from: from, to: to)
    }

    /// The first slot of this expression, with no window, strictly after `after` in `zone`.
    public func nextSlot(after: Date, in zone: TimeZone) -> Slot? {
        Timetable(.cron(self)).nextSlot(after: after, in: zone)
    }
}
