public import Foundation

extension Timetable {
    /// The one slot of an `at` timetable in `zone` (with the DST rule and the window applied), or
    /// nil for a cron timetable or a one-off outside its window.
    public func oneOffSlot(in zone: TimeZone) -> Slot? {
        guard case .once(let time) = timing else { return nil }
        let wall = time.wallSeconds
        return slots(in: zone, lower: wall - 2 * 86_400, upper: wall + 2 * 86_400).first
    }
}
